import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, type Text } from '../../core/i18n.ts';
import { Rng } from '../../ml/random.ts';
import { createPolicy, POLICY_NAMES } from '../../ml/bandits/registry.ts';
import { policyText } from './messages.ts';
import { assignLead } from './assign.ts';
import { evaluateRules, isWorking, type RepLoad, type RepProfile } from './rules.ts';

const en = (reasons: Text[]) => reasons.map((r) => render(r, 'en'));
const rendered = (rejected: { rep: string; reasons: Text[] }[]) => rejected.map((r) => ({ rep: r.rep, reasons: en(r.reasons) }));

// Wednesday 2024-01-10 14:00 UTC.
const WED_2PM = Date.UTC(2024, 0, 10, 14);
const weekdays = { days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17, utcOffsetHours: 0 };

function rep(id: string, overrides: Partial<RepProfile> = {}): RepProfile {
  return { id, name: id[0].toUpperCase() + id.slice(1), maxOpenLeads: 20, quotaPerPeriod: 30, territories: ['EMEA'], languages: ['en', 'de'], products: ['Core'], workingHours: weekdays, absences: [], ...overrides };
}
const load = (l: Partial<RepLoad> = {}): RepLoad => ({ open: 3, assignedThisPeriod: 5, assignedTotal: 50, teamAssignedSinceJoined: 500, ...l });
const lead = { id: 'lead-1', segment: 'Manufacturing', territory: 'EMEA', language: 'de', product: 'Core' };

test('each hard rule excludes a rep, with the reason in plain words', () => {
  const reps = [
    rep('ana'),
    rep('ben'),
    rep('cem', { territories: ['NA'] }),
    rep('dia', { languages: ['en'] }),
    rep('eli', { products: ['Analytics'] }),
    rep('fay', { absences: [{ from: Date.UTC(2024, 0, 8), to: Date.UTC(2024, 0, 15) }] }),
    rep('gus', { workingHours: { ...weekdays, utcOffsetHours: 8 } }), // 22:00 in his time zone
  ];
  const loads = new Map(reps.map((r) => [r.id, load()]));
  loads.set('ben', load({ open: 20 }));
  loads.set('ana', load({ assignedThisPeriod: 30 }));
  loads.set('dev', load());
  const verdict = evaluateRules(lead, [...reps, rep('hal')], loads, WED_2PM, { periodName: 'weekly' });
  assert.deepEqual(verdict.eligible, ['hal']);
  const why = Object.fromEntries(verdict.rejected.map((r) => [r.rep, en(r.reasons)]));
  assert.deepEqual(why, {
    ana: ['weekly quota reached: 30/30 leads'],
    ben: ['at capacity: 20/20 open leads'],
    cem: ['territory EMEA not covered (covers NA)'],
    dia: ['does not speak de (speaks en)'],
    eli: ['not skilled in Core (sells Analytics)'],
    fay: ['absent until 2024-01-15'],
    gus: ['outside working hours (Mon,Tue,Wed,Thu,Fri 9:00–17:00 UTC+8)'],
  });
  const zh = Object.fromEntries(verdict.rejected.map((r) => [r.rep, r.reasons.map((x) => render(x, 'zh'))]));
  assert.deepEqual(zh, {
    ana: ['本周配额已满：30/30 条线索'],
    ben: ['已满负荷：20/20 条未结线索'],
    cem: ['不负责区域 EMEA（负责 NA）'],
    dia: ['不会说 de（会说 en）'],
    eli: ['不熟悉 Core（销售 Analytics）'],
    fay: ['休假至 2024-01-15'],
    gus: ['不在工作时间（周一、周二、周三、周四、周五 9:00–17:00 UTC+8）'],
  });
});

test('when no rep qualifies, the lead is queued with every rep\'s reasons', () => {
  const reps = [rep('ana', { territories: ['NA'] }), rep('ben')];
  const loads = new Map([['ben', load({ open: 20 })]]);
  const decision = assignLead(lead, reps, loads, createPolicy('ucb1'), new Rng(1), WED_2PM);
  assert.equal(decision.status, 'queued');
  if (decision.status !== 'queued') return;
  assert.equal(render(decision.explanation, 'en'), 'Queued: none of 2 reps can take it.');
  assert.equal(render(decision.explanation, 'zh'), '已排队：没有销售能接手（共 2 名）。');
  assert.deepEqual(rendered(decision.reasons), [
    { rep: 'ana', reasons: ['territory EMEA not covered (covers NA)'] },
    { rep: 'ben', reasons: ['at capacity: 20/20 open leads'] },
  ]);
  // Saturday: everybody is off.
  const weekend = evaluateRules(lead, [rep('cem')], new Map(), Date.UTC(2024, 0, 13, 12));
  assert.deepEqual(weekend.eligible, []);
});

test('fairness floor: a new rep below the minimum share is served first, until they have enough leads', () => {
  const reps = [rep('ana'), rep('ned')];
  const fairness = { minShare: 0.05, learningLeads: 20 };
  const loads = new Map([['ana', load()], ['ned', load({ assignedTotal: 2, teamAssignedSinceJoined: 100 })]]);
  const starved = evaluateRules(lead, reps, loads, WED_2PM, { fairness });
  assert.deepEqual(starved.eligible, ['ned']);
  assert.deepEqual(starved.fairnessReps, ['ned']);
  assert.deepEqual(rendered(starved.rejected), [{ rep: 'ana', reasons: ['a new rep below the minimum share is served first'] }]);
  // 6 of 100 is above 5%: no priority. 
  loads.set('ned', load({ assignedTotal: 6, teamAssignedSinceJoined: 100 }));
  assert.deepEqual(evaluateRules(lead, reps, loads, WED_2PM, { fairness }).eligible, ['ana', 'ned']);
  // Still below the share but past the learning period: no priority either.
  loads.set('ned', load({ assignedTotal: 20, teamAssignedSinceJoined: 1000 }));
  assert.deepEqual(evaluateRules(lead, reps, loads, WED_2PM, { fairness }).eligible, ['ana', 'ned']);
  // The floor never overrides a hard rule: a full new rep is not forced on anyone.
  loads.set('ned', load({ open: 20, assignedTotal: 2, teamAssignedSinceJoined: 100 }));
  assert.deepEqual(evaluateRules(lead, reps, loads, WED_2PM, { fairness }).eligible, ['ana']);
});

test('working hours follow the rep\'s time zone, including shifts across midnight', () => {
  const night = { days: [1, 2, 3, 4, 5], startHour: 22, endHour: 6, utcOffsetHours: -5 };
  assert.equal(isWorking(night, Date.UTC(2024, 0, 10, 4)), true); // Tue 23:00 local
  assert.equal(isWorking(night, Date.UTC(2024, 0, 10, 9)), true); // Wed 04:00 local, Tuesday's shift
  assert.equal(isWorking(night, Date.UTC(2024, 0, 10, 12)), false); // Wed 07:00 local
  assert.equal(isWorking(night, Date.UTC(2024, 0, 8, 8)), false); // Mon 03:00 local belongs to Sunday's (unworked) shift
});

test('an assignment explains itself: capacity, the policy\'s belief, and whether it is exploring', () => {
  const policy = createPolicy('contextual-thompson', { propensityDraws: 50 });
  for (let i = 0; i < 20; i++) policy.update({ eventId: String(i), context: { segment: 'Manufacturing' }, rep: 'ana', reward: i < 6 ? 1 : 0 });
  const decision = assignLead(lead, [rep('ana')], new Map([['ana', load()]]), policy, new Rng(2), WED_2PM);
  assert.equal(decision.status, 'assigned');
  if (decision.status !== 'assigned') return;
  assert.match(render(decision.explanation, 'zh'), /^Ana：3\/20 条未结，Manufacturing 线索赢单率 \d+% ±\d+%（该细分 20 个结果，按其总体记录预期 \d+%），目前最佳$/);
  assert.match(render(decision.explanation, 'en'), /^Ana: 3\/20 open, wins \d+% ±\d+% of Manufacturing leads \(20 outcomes there, \d+% expected from their overall record\), best so far$/);
  assert.equal(decision.propensity, 1);
});

test('every policy\'s why reads as plain words in English and Chinese', () => {
  const english: Record<string, RegExp> = {
    'round-robin': /^next in rotation$/,
    'weighted-rotation': /^next in weighted rotation \(weight \d+(\.\d+)?\)$/,
    'epsilon-greedy': /^wins \d+% of (Retail|Public sector, EU) leads, (random pick \(exploring\)|best so far)$/,
    ucb1: /^(untried: every rep gets a lead before the scores apply|(averages \d+% over \d+ resolved leads?|no outcomes yet \(team average assumed\)), \+\d+% uncertainty bonus, (exploring|best so far))$/,
    thompson: /^wins \d+% ±\d+% of leads \(\d+ outcomes?\), (exploring|best so far)$/,
    'contextual-thompson': /^wins \d+% ±\d+% of (Retail|Public sector, EU) leads \(\d+ outcomes? there, \d+% expected from their overall record\), (exploring|best so far)$/,
    linucb: /^wins \d+% ±\d+% of (Retail|Public sector, EU) leads \(\d+ outcomes? there, \d+% expected from their overall record\), \+\d+% uncertainty bonus, (exploring|best so far)$/,
    'thompson-revenue': /^wins \d+% ±\d+% of leads, typical deal [\d,]+, expected [\d,]+ per lead, (exploring|best so far)$/,
  };
  assert.deepEqual(Object.keys(english).sort(), [...POLICY_NAMES].sort());
  for (const name of POLICY_NAMES) {
    const policy = createPolicy(name, name === 'contextual-thompson' || name === 'thompson' || name === 'thompson-revenue' ? { propensityDraws: 20 } : {});
    const rng = new Rng(3);
    for (let i = 0; i < 40; i++) {
      const context = { segment: i % 2 ? 'Retail' : 'Public sector, EU', features: [1, i % 3, 0.5] };
      const choice = policy.select(context, ['ana', 'ben', 'cem'], rng);
      const text = policyText(choice.why);
      assert.match(render(text, 'en'), english[name], name);
      assert.match(render(text, 'zh'), /[\u4e00-\u9fff]/, `${name}: ${render(text, 'zh')}`);
      policy.update({ eventId: `${name}-${i}`, context, rep: choice.rep, reward: i % 3 === 0 ? (name === 'thompson-revenue' ? 5000 : 1) : 0 });
    }
  }
});
