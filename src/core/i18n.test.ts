import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliLocale, defineMessages, parseLocale, render, renderDeep } from './i18n.ts';

const msg = defineMessages(
  { 'test.value': '{field}: {value}', 'test.unknown': '{field}: unknown', 'test.count': '{n} calls' },
  { 'test.value': '{field}：{value}', 'test.unknown': '{field}：未知', 'test.count': '{n} 次通话' },
);

test('a Text renders in each locale, numbers formatted and nested texts rendered', () => {
  const text = msg('test.value', { field: 'Lead source', value: msg('test.count', { n: 12345.678 }) });
  assert.equal(render(text, 'en'), 'Lead source: 12,345.68 calls');
  assert.equal(render(text, 'zh'), 'Lead source：12,345.68 次通话');
  assert.equal(render({ $t: 'no.such.key' }, 'zh'), 'no.such.key');
  assert.equal(render('already a string', 'zh'), 'already a string');
});

test('renderDeep replaces texts anywhere and shares branches without texts', () => {
  const untouched = { rows: [{ a: 1, tags: ['x'] }] };
  const payload = { untouched, reasons: [{ code: 'source', label: msg('test.unknown', { field: 'Source' }) }], n: 3 };
  const out = renderDeep(payload, 'zh');
  assert.deepEqual(out.reasons, [{ code: 'source', label: 'Source：未知' }]);
  assert.equal(out.untouched, untouched);
  assert.equal(payload.reasons[0].label.$t, 'test.unknown', 'the input is not mutated');
  assert.equal(renderDeep(untouched, 'zh'), untouched);
});

test('Accept-Language and LANG pick the best supported locale', () => {
  assert.equal(parseLocale('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  assert.equal(parseLocale('fr-FR, en;q=0.5, zh;q=0.4'), 'en');
  assert.equal(parseLocale('de'), null);
  assert.equal(parseLocale('en;q=0, zh-TW'), 'zh');
  assert.equal(cliLocale({ LANG: 'zh_CN.UTF-8' }), 'zh');
  assert.equal(cliLocale({ SALESBLOOM_LANG: 'en', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(cliLocale({ LANG: 'C.UTF-8' }), 'en');
});
