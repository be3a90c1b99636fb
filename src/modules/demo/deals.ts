// One opportunity's life: stages over time, the activities that move it, and its outcome drawn
// from the hidden win probability (rep skill × deal features × the planted practices).
import type { ContactPerson } from './accounts.ts';
import { DAY_MS, demoUuid, externalId, iso, isoDate } from './ids.ts';
import type { LeadContext } from './leads.ts';
import { addWonDealOrder } from './orders.ts';
import { dealLines, linesTotal, productLinesJson } from './products.ts';
import { emailText, LOST_NOTE, MEETING_SUBJECTS, TASK_SUBJECTS } from './texts.ts';
import { callTranscript } from './transcripts.ts';
import { POLICY, sigmoid, winLogit } from './truth.ts';
import { LOST_REASONS } from './vocabulary.ts';
import { addActivity, prob, type World } from './world.ts';

type Stage = 'prospecting' | 'qualification' | 'demo' | 'proposal' | 'negotiation';
type EventKind = Stage | 'executive_meeting' | 'close';

interface DealEvent {
  kind: EventKind;
  at: number;
}

const PATH: readonly Stage[] = ['prospecting', 'qualification', 'demo', 'proposal', 'negotiation'];
/** Where lost deals drop out (before any minimum the deal's history imposes). */
const LOSS_WEIGHTS = [0.25, 0.25, 0.2, 0.15, 0.15];
const days = (lo: number, hi: number, r: number) => (lo + (hi - lo) * r) * DAY_MS;

export function simulateDeal(w: World, lead: LeadContext, contact: ContactPerson, openedAt: number, earlyDemo: boolean, pEarlyDemo: number): void {
  const { rng, now } = w;
  const { rep, account, lang } = lead;
  const ext = externalId('opp', ++w.counters.opportunity, 5);
  const id = demoUuid(w.seed, ext);
  const lines = dealLines(rng, w.products, account);
  const amount = linesTotal(lines);
  const pExec = POLICY.executiveMeeting(rep.skill, amount);
  const executive = rng.bernoulli(pExec);
  const silent = rng.bernoulli(POLICY.longSilence(rep.skill));
  const pWin = sigmoid(winLogit({ industry: account.industry, amount, source: lead.source, note: lead.note, earlyDemo, executiveMeeting: executive, longSilence: silent }, rep.skill));
  const won = rng.bernoulli(pWin);
  w.truth.winProbability[ext] = prob(pWin);
  w.truth.dealPractices[ext] = { early_demo: earlyDemo, executive_meeting: executive, long_silence: silent };

  // The planned timeline. An early demo lands within 10 days of the first contact; otherwise after 11.
  const qualAt = openedAt + (earlyDemo ? days(0.3, 1, rng.next()) : days(0.5, 3, rng.next()));
  const demoAt = earlyDemo
    ? qualAt + DAY_MS / 2 + rng.next() * Math.max(0, lead.firstContactAt + 9.5 * DAY_MS - qualAt - DAY_MS / 2)
    : Math.max(lead.firstContactAt + 11 * DAY_MS, qualAt + (3 + rng.gamma(2) * 4) * DAY_MS);
  const events: DealEvent[] = [
    { kind: 'prospecting', at: openedAt },
    { kind: 'qualification', at: qualAt },
    { kind: 'demo', at: demoAt },
  ];
  let last = demoAt;
  if (executive) events.push({ kind: 'executive_meeting', at: (last += days(2, 8, rng.next())) });
  events.push({ kind: 'proposal', at: (last += days(3, 14, rng.next())) });
  events.push({ kind: 'negotiation', at: (last += days(4, 18, rng.next())) });
  // Lost deals drop out at some stage; a deal that already had a demo or an executive meeting got at least to the demo.
  let lostAt: Stage | null = null;
  if (!won) {
    const min = earlyDemo || executive ? 2 : 0;
    lostAt = PATH[min + rng.weighted(LOSS_WEIGHTS.slice(min))];
    const keep = PATH.indexOf(lostAt);
    for (let i = events.length - 1; i >= 0; i--) {
      const k = events[i].kind;
      const index = k === 'executive_meeting' ? 2 : PATH.indexOf(k as Stage);
      if (index > keep) events.splice(i, 1);
    }
  }
  events.push({ kind: 'close', at: events[events.length - 1].at + days(3, 20, rng.next()) });
  const plannedClose = events[events.length - 1].at;
  // A long silence: every later event slips by 25–45 days and nobody touches the deal meanwhile.
  let silenceBefore = -1;
  let silenceDays = 0;
  if (silent) {
    // Never before an early demo: the silence would make it late.
    const first = earlyDemo ? 3 : 1;
    silenceBefore = first + rng.int(events.length - first);
    silenceDays = 25 + 20 * rng.next();
    for (let i = silenceBefore; i < events.length; i++) events[i].at += silenceDays * DAY_MS;
  }

  const base = { rep, leadId: lead.id, contactId: contact.id, accountId: account.id, opportunityId: id };
  const vars: Record<string, string> = { name: contact.name, company: account.name, rep: rep.name, amount: `$${Math.round(amount).toLocaleString('en-US')}` };
  const thread_id = `${ext}-thread`;
  const callShare = POLICY.callShare(rep.skill);
  let stage: Stage | 'won' | 'lost' = 'prospecting';
  let closedAt: number | null = null;

  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.at > now) {
      plannedNextStep(w, base, e, lang, stage);
      break;
    }
    const attrs = { stage: stage as string, thread_id };
    switch (e.kind) {
      case 'prospecting':
        w.pending.history.push({ opportunity_id: id, from_stage: null, to_stage: 'prospecting', changed_at: iso(e.at), changed_by: rep.id });
        break;
      case 'executive_meeting':
        addActivity(w, {
          ...base, type: 'meeting', subtype: 'executive_meeting', direction: 'outbound', subject: MEETING_SUBJECTS.executive_meeting[lang], at: e.at,
          durationSeconds: 2700, attributes: { stage, action: 'executive_meeting', policy_p: prob(pExec) },
        });
        break;
      case 'close': {
        const to = won ? 'won' : 'lost';
        w.pending.history.push({ opportunity_id: id, from_stage: stage, to_stage: to, changed_at: iso(e.at), changed_by: rep.id });
        closedAt = e.at;
        if (won) {
          addActivity(w, { ...base, type: 'email', direction: 'outbound', ...emailText(rng, 'won', lang, vars), at: e.at, attributes: { ...attrs, action: 'email' } });
          addWonDealOrder(w, account, rep, id, e.at, lines);
        } else {
          const reason = rng.pick(LOST_REASONS);
          addActivity(w, { ...base, type: 'note', direction: 'internal', body: LOST_NOTE[lang].replace('{reason}', reason), at: e.at, attributes: { ...attrs, action: 'note' } });
          addActivity(w, { ...base, type: 'email', direction: 'outbound', ...emailText(rng, 'lost', lang, vars), at: e.at + 3_600_000, attributes: { ...attrs, action: 'email' } });
          vars.reason = reason;
        }
        stage = to;
        break;
      }
      default:
        w.pending.history.push({ opportunity_id: id, from_stage: stage, to_stage: e.kind, changed_at: iso(e.at), changed_by: rep.id });
        stageActivity(w, base, e, lang, { stage: e.kind, thread_id }, vars, earlyDemo ? pEarlyDemo : 1 - pEarlyDemo);
        stage = e.kind;
    }
    // Regular touches until the next event, except during a silence.
    const next = events[i + 1];
    if (next) {
      const quietUntil = Math.min(now, next.at - (i + 1 === silenceBefore ? silenceDays * DAY_MS : DAY_MS));
      for (let t = e.at + days(2, 8, rng.next()); t < quietUntil; t += days(2, 8, rng.next())) {
        touch(w, base, t, lang, stage as Stage, callShare, vars, thread_id);
      }
    }
  }

  const expected = closedAt === null && plannedClose < now ? now + days(7, 30, rng.next()) : plannedClose;
  const at = iso(openedAt);
  w.pending.opportunities.push({
    id, external_id: ext, name: `${account.name} – ${lines[0].product.name}`, account_id: account.id, contact_id: contact.id, lead_id: lead.id,
    owner_id: rep.id, product_id: lines[0].product.id, product_lines: productLinesJson(lines), amount, stage, opened_at: at,
    expected_close: isoDate(expected), closed_at: closedAt === null ? null : iso(closedAt), lost_reason: stage === 'lost' ? vars.reason ?? null : null,
    attributes: {}, created_at: at, updated_at: iso(Math.min(now, closedAt ?? now)),
  });
}

type Base = { rep: LeadContext['rep']; leadId: string; contactId: string; accountId: string; opportunityId: string };

/** The activity that marks entering a stage. */
function stageActivity(w: World, base: Base, e: DealEvent, lang: 'en' | 'zh', attrs: { stage: string; thread_id: string }, vars: Record<string, string>, demoPolicyP: number): void {
  const { rng } = w;
  const { rep } = base;
  if (e.kind === 'qualification' || e.kind === 'negotiation') {
    const call = callTranscript(rng, e.kind === 'qualification' ? 'discovery' : 'negotiation', lang, rep.skill, rep.name, vars.name);
    addActivity(w, {
      ...base, type: 'call', subtype: e.kind, direction: 'outbound', subject: e.kind === 'qualification' ? (lang === 'zh' ? '需求确认电话' : 'Qualification call') : (lang === 'zh' ? '商务谈判' : 'Negotiation call'),
      transcript: call.turns, at: e.at, durationSeconds: call.durationSeconds,
      attributes: { stage: attrs.stage, action: 'call', talk_ratio: call.talkRatio, questions: call.questions, open_questions: call.openQuestions, language: lang },
    });
    if (e.kind === 'negotiation') {
      addActivity(w, { ...base, type: 'email', direction: 'outbound', ...emailText(rng, 'negotiation', lang, vars), at: e.at + 3_600_000 * 3, attributes: { ...attrs, action: 'email' } });
    }
  } else if (e.kind === 'demo') {
    addActivity(w, {
      ...base, type: 'meeting', subtype: 'demo', direction: 'outbound', subject: MEETING_SUBJECTS.demo[lang], at: e.at, durationSeconds: 3600,
      attributes: { stage: attrs.stage, action: 'demo', policy_p: prob(demoPolicyP) },
    });
  } else if (e.kind === 'proposal') {
    addActivity(w, { ...base, type: 'meeting', subtype: 'proposal', direction: 'outbound', subject: MEETING_SUBJECTS.proposal[lang], at: e.at, durationSeconds: 2700, attributes: { stage: attrs.stage, action: 'proposal' } });
    addActivity(w, { ...base, type: 'email', direction: 'outbound', ...emailText(rng, 'proposal', lang, vars), at: e.at + 3_600_000, attributes: { ...attrs, action: 'email' } });
  }
}

/** A routine touch chosen by the rep's behaviour policy (logged with its probability for next-best-action learning). */
function touch(w: World, base: Base, at: number, lang: 'en' | 'zh', stage: Stage, callShare: number, vars: Record<string, string>, thread_id: string): void {
  const { rng } = w;
  const pTask = 0.15;
  const r = rng.next();
  if (r < pTask) {
    addActivity(w, {
      ...base, type: 'task', direction: 'internal', subject: rng.pick(TASK_SUBJECTS[lang]), at, dueAt: at + DAY_MS,
      attributes: { stage, action: 'task', policy_p: pTask },
    });
  } else if (r < pTask + (1 - pTask) * callShare) {
    // Not every call is recorded.
    const recorded = rng.bernoulli(0.6);
    const call = recorded ? callTranscript(rng, stage === 'negotiation' || stage === 'proposal' ? 'negotiation' : 'discovery', lang, base.rep.skill, base.rep.name, vars.name) : null;
    addActivity(w, {
      ...base, type: 'call', subtype: 'follow_up', direction: 'outbound', subject: lang === 'zh' ? '跟进电话' : 'Follow-up call', transcript: call?.turns,
      at, durationSeconds: call?.durationSeconds ?? 120 + rng.int(600),
      attributes: {
        stage, action: 'call', policy_p: prob((1 - pTask) * callShare),
        ...(call ? { talk_ratio: call.talkRatio, questions: call.questions, open_questions: call.openQuestions, language: lang } : {}),
      },
    });
  } else {
    const mail = emailText(rng, 'follow_up', lang, vars);
    addActivity(w, { ...base, type: 'email', direction: 'outbound', ...mail, at, attributes: { stage, action: 'email', policy_p: prob((1 - pTask) * (1 - callShare)), thread_id } });
    const replyAt = at + days(0.1, 2, rng.next());
    if (rng.bernoulli(0.4) && replyAt < w.now) {
      const reply = emailText(rng, 'reply', lang, { name: vars.name, subject: mail.subject });
      addActivity(w, { ...base, type: 'email', direction: 'inbound', ...reply, at: replyAt, attributes: { stage, action: 'reply', thread_id } });
    }
  }
}

/** For a deal still open: the next step already in the calendar. */
function plannedNextStep(w: World, base: Base, next: DealEvent, lang: 'en' | 'zh', stage: string): void {
  const { rng, now } = w;
  const meeting = next.kind === 'demo' || next.kind === 'executive_meeting' || next.kind === 'proposal';
  if (meeting && next.at - now < 21 * DAY_MS) {
    addActivity(w, {
      ...base, type: 'meeting', subtype: next.kind, direction: 'outbound', status: 'planned', subject: MEETING_SUBJECTS[next.kind as 'demo'][lang],
      at: next.at, attributes: { stage, action: next.kind },
    });
  } else {
    const due = now + days(1, 10, rng.next());
    addActivity(w, { ...base, type: 'task', direction: 'internal', status: 'planned', subject: rng.pick(TASK_SUBJECTS[lang]), at: due, dueAt: due, attributes: { stage, action: 'task' } });
  }
}
