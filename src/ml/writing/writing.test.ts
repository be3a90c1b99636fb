import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/errors.ts';
import { composeVariants, formatDate, formatMoney, KINDS, LENGTHS, TEMPLATE_VARIABLES, TONES } from './compose.ts';
import { checkDraft, findInvented, indexFacts } from './fact-check.ts';
import { findMentions } from './mentions.ts';
import { findSpam, lengthTarget } from './spam.ts';
import { renderTemplate, validateTemplate } from './template.ts';
import { Rng } from '../random.ts';

const CATALOGUE = ['Bloom Sensor Hub', 'Bloom Edge Gateway', 'Bloom Insight Cloud Standard', 'Bloom Insight Cloud Enterprise', 'Premium Support'];
const FACTS = {
  recipient: { name: 'Li Wei', company: 'Acme Tools', industry: 'Manufacturing' },
  products: [{ name: 'Bloom Sensor Hub', list_price: 1250, currency: 'USD', description: 'Wireless hub for up to 64 vibration and temperature sensors.' }],
  products_bought: [{ name: 'Bloom Insight Cloud Standard' }],
  open_opportunities: [{ name: 'Acme sensors rollout', amount: 37500, expected_close: '2026-12-15' }],
  last_activities: [{ occurred_at: '2026-11-02T10:00:00.000Z', key_sentences: ['We lose about 12 hours a month to unplanned stops.'] }],
  sender: { name: 'Ana Rep' },
};

function vars(language: 'en' | 'zh') {
  return {
    recipient_name: 'Li Wei', company: 'Acme Tools', industry: 'Manufacturing', product: 'Bloom Sensor Hub',
    product_price: formatMoney(1250, 'USD', language), product_description: FACTS.products[0].description,
    opportunity_name: 'Acme sensors rollout', opportunity_amount: formatMoney(37500, 'USD', language),
    expected_close: formatDate('2026-12-15', language), last_activity_date: formatDate('2026-11-02T10:00:00.000Z', language),
    key_sentence: FACTS.last_activities[0].key_sentences[0], products_bought: 'Bloom Insight Cloud Standard', sender_name: 'Ana Rep',
  };
}

test('numbers are normalised: separators, k/m/万 suffixes, currencies and percentages', () => {
  const m = findMentions('Costs $1,200 or $1.2k, 3.5 million users, 12万元, 99.9% uptime, USD 480 per seat');
  assert.deepEqual(m.map((x) => [x.kind, x.value]), [['price', 1200], ['price', 1200], ['number', 3.5e6], ['price', 120000], ['percent', 99.9], ['price', 480]]);
  // Codes and versions are not numbers; phone numbers and links are not facts.
  assert.deepEqual(findMentions('SKU BSH-100, B2B, call +86 138 0013 8000 or see https://x.io/p/42').map((x) => x.text), []);
});

test('dates are read in English and Chinese formats', () => {
  const m = findMentions('By December 15, 2026, or 15 Dec, or 2026-12-15, or 2026年12月15日, or 12月15日, or March 2027.');
  assert.deepEqual(m.map((x) => x.date), [
    { month: 12, day: 15, year: 2026 }, { month: 12, day: 15, year: undefined }, { year: 2026, month: 12, day: 15 },
    { year: 2026, month: 12, day: 15 }, { year: undefined, month: 12, day: 15 }, { month: 3, year: 2027 },
  ]);
});

test('the fact check accepts facts however they are written and flags invented ones', () => {
  const facts = indexFacts(FACTS);
  const ok = 'Bloom Sensor Hub lists at $1,250 ($1.25k); the deal is $37.5k, closing December 15, 2026 (2026年12月15日). Since we spoke on Nov 2 you lose 12 hours a month.';
  assert.deepEqual(findInvented(ok, facts, CATALOGUE), []);
  const bad = 'Bloom Sensor Hub is now $990 until March 3, 2027. Bloom Edge Gateway and the new Bloom Quantum Suite are guaranteed to cut costs by 30%. 价格为1.2万元，2027年1月5日前有效，行业第一。';
  assert.deepEqual(findInvented(bad, facts, CATALOGUE).map((i) => [i.kind, i.text]), [
    ['price', '$990'], ['date', 'March 3, 2027'], ['product', 'Bloom Edge Gateway'], ['product', 'Bloom Quantum Suite'],
    ['claim', 'guaranteed'], ['percent', '30%'], ['price', '1.2万元'], ['date', '2027年1月5日'], ['claim', '行业第一'],
  ]);
});

test('a near miss is not a match: $1,251 and December 16 are invented', () => {
  const found = findInvented('$1,251 by December 16, 2026', indexFacts(FACTS), CATALOGUE).map((i) => i.text);
  assert.deepEqual(found, ['$1,251', 'December 16, 2026']);
});

test('every built-in combination renders, uses only the facts and varies its wording', () => {
  for (const language of ['en', 'zh'] as const) {
    for (const kind of KINDS) for (const tone of TONES) for (const length of LENGTHS) {
      const drafts = composeVariants({ kind, tone, length, language }, { ...vars(language), segment: 'mid-market' }, 3, 5);
      assert.equal(drafts.length, 3);
      assert.equal(new Set(drafts.map((d) => d.body)).size, 3, `${language} ${kind} ${tone} ${length} variants differ`);
      for (const d of drafts) {
        assert.doesNotMatch(d.body + d.subject, /\{\{|\[\[|\]\]|\}\}/, 'no template syntax left');
        const check = checkDraft({ subject: d.subject, body: d.body, facts: { ...FACTS, segment: 'mid-market' }, catalogue: CATALOGUE, target: lengthTarget(length, language, 'email', kind === 'marketing_copy') });
        assert.deepEqual(check.invented, [], `${language} ${kind} ${tone} ${length}: ${d.body}`);
        assert.deepEqual(check.spam, []);
        if (language === 'zh') assert.match(d.body, /\p{Script=Han}{4}/u);
      }
    }
  }
});

test('long English follow-ups carry the customer facts and pass every check', () => {
  const [d] = composeVariants({ kind: 'follow_up', tone: 'friendly', length: 'long', language: 'en' }, vars('en'), 1, 1);
  for (const fact of ['Li Wei', 'Bloom Sensor Hub', '$1,250', '$37,500', 'December 15, 2026', 'We lose about 12 hours']) assert.ok(d.body.includes(fact), fact);
  assert.equal(checkDraft({ subject: d.subject, body: d.body, facts: FACTS, catalogue: CATALOGUE, target: lengthTarget('long', 'en') }).ok, true);
});

test('templates: variables, sections, seeded choices; unknown variables are named', () => {
  const src = 'Hi {{recipient_name}}{{#company}} at {{company}}{{/company}}{{^company}} there{{/company}}, [[a|b|c]]';
  assert.equal(renderTemplate(src, { recipient_name: 'Li', company: 'Acme' }, new Rng(1)), renderTemplate(src, { recipient_name: 'Li', company: 'Acme' }, new Rng(1)));
  assert.match(renderTemplate(src, { recipient_name: 'Li' }, new Rng(1)), /^Hi Li there, [abc]$/);
  assert.deepEqual(validateTemplate({ subject: 'For {{company}}', body: '{{recipient_name}}' }, TEMPLATE_VARIABLES), ['company', 'recipient_name']);
  assert.throws(() => validateTemplate({ subject: 'x', body: 'Hi {{first_name}}' }, TEMPLATE_VARIABLES), (e: unknown) => e instanceof InputError && e.issues[0].value === 'first_name' && e.issues[0].column === 'body');
  assert.throws(() => validateTemplate({ subject: '{{#company}}x', body: '' }, TEMPLATE_VARIABLES), InputError);
});

test('spam triggers and length limits', () => {
  assert.deepEqual(findSpam('FREE OFFER', 'Feel free to reply. ACT NOW for a free gift!!! 限时免费').map((s) => `${s.field}:${s.text}`), ['subject:FREE', 'subject:OFFER', 'body:ACT NOW', 'body:free gift', 'body:!!!', 'body:限时', 'body:免费']);
  const check = checkDraft({ subject: 'x'.repeat(80), body: 'too short', facts: {}, target: lengthTarget('medium', 'en') });
  assert.equal(check.ok, false);
  assert.equal(check.length.problems.length, 2);
});
