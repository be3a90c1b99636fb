import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from '../../core/i18n.ts';
import { kpiDefinition } from '../kpis/catalog.ts';
import { kpiName } from '../kpis/messages.ts';
import { ALL_SUGGESTION_LINKS } from './links.ts';
import { alertTitle, msg } from './messages.ts';

test('alert titles keep the English wording of before and read naturally in Chinese, for every kind and the company', () => {
  const winRate = kpiName(kpiDefinition('win_rate')!.label);
  const words: Record<string, string> = { spike: 'spike', dip: 'drop', level_shift: 'level shift', trend_change: 'trend change', threshold: 'crossed its threshold', target: 'missed its target' };
  for (const [kind, word] of Object.entries(words)) {
    // The wording the scan wrote before texts existed: `${label} ${word} for ${scope} in the ${frequency} of ${period}`.
    assert.equal(render(alertTitle(winRate, kind, msg('alerts.scope.company'), 'month', '2026-05-01'), 'en'), `Win rate ${word} for the company in the month of 2026-05-01`);
    const zh = render(alertTitle(winRate, kind, msg('alerts.scope.company'), 'month', '2026-05-01'), 'zh');
    assert.match(zh, /^公司的赢单率在 2026-05-01 当月/, zh);
    assert.ok(!/[a-z]{3,}/.test(zh), zh);
  }
  assert.equal(render(alertTitle(winRate, 'odd_kind', 'Team A', 'quarter', '2026-04-01'), 'en'), 'Win rate odd_kind for Team A in the quarter of 2026-04-01');
  assert.equal(render(alertTitle(winRate, 'spike', 'Team A', 'day', '2026-04-01'), 'zh'), 'Team A的赢单率在 2026-04-01 当天激增');
  for (const link of ALL_SUGGESTION_LINKS) {
    assert.notEqual(render(link.label, 'zh'), render(link.label, 'en'), `${render(link.label, 'en')} has a Chinese label`);
  }
});
