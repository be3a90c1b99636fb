// One lead's life: where it came from, how engaged it is, what the notes say, who works it,
// and whether it converts — drawn from the hidden conversion propensity.
import { contactRow, makeContact, type Account } from './accounts.ts';
import { simulateDeal } from './deals.ts';
import { DAY_MS, externalId, demoUuid, iso, officeHours, toWeekday } from './ids.ts';
import { routeToRep, type Rep } from './org.ts';
import { callTranscript } from './transcripts.ts';
import { emailText, leadNote, type Lang } from './texts.ts';
import { leadLogit, NOTE_INTENTS, NOTE_INTENT_WEIGHTS, POLICY, sigmoid, type NoteIntent } from './truth.ts';
import { LEAD_SOURCES, SOURCE_WEIGHTS, type LeadSource } from './vocabulary.ts';
import { addActivity, prob, type World } from './world.ts';

const HISTORY_DAYS = 730;
/** Typical website visits per source before the first contact. */
const VISITS: Record<LeadSource, number> = { Web: 6, 'Paid Ads': 4, Referral: 2, Event: 2, Partner: 2.5, Outbound: 0.8 };
/** Interested people browse more: engagement is correlated with (but not the same as) intent. */
const INTENT_ENGAGEMENT: Record<NoteIntent, number> = { strong: 1.8, positive: 1.3, neutral: 1, negative: 0.6 };

export function employeesBand(n: number): string {
  return n < 50 ? '1-49' : n < 250 ? '50-249' : n < 1000 ? '250-999' : n < 5000 ? '1000-4999' : '5000+';
}

export interface LeadContext {
  id: string;
  externalId: string;
  number: number;
  account: Account;
  rep: Rep;
  lang: Lang;
  source: LeadSource;
  note: NoteIntent;
  createdAt: number;
  firstContactAt: number;
}

export function simulateLead(w: World, n: number): void {
  const { rng, now } = w;
  const ext = externalId('lead', n, 5);
  const account = rng.pick(w.accounts);
  const lang = account.lang;
  const source = LEAD_SOURCES[rng.weighted(SOURCE_WEIGHTS)];
  const note = NOTE_INTENTS[rng.weighted(NOTE_INTENT_WEIGHTS)];
  // More leads recently (the company grows): days ago skewed towards today.
  const daysAgo = HISTORY_DAYS * rng.next() ** 1.25;
  const createdAt = Math.min(toWeekday(officeHours(rng, now - daysAgo * DAY_MS)), now - 3_600_000);
  const engagement = INTENT_ENGAGEMENT[note] * Math.exp(rng.normal(0, 0.5));
  const websiteVisits = rng.poisson(VISITS[source] * engagement);
  const pagesViewed = websiteVisits + rng.poisson(websiteVisits * 1.5 + 1);
  const emailOpens = rng.poisson(2); // unrelated to the outcome: a decoy feature for models
  // Most leads go to the account's owner; the rest are routed by region and language.
  const rep = rng.bernoulli(0.6) ? account.owner : routeToRep(rng, w.org, account.country.region, lang);
  const p = sigmoid(leadLogit({ source, industry: account.industry, employees: account.employees, websiteVisits, pagesViewed, note }, rep.skill));
  w.truth.leadPropensity[ext] = prob(p);
  const willConvert = rng.bernoulli(p);
  const contact = makeContact(rng, w.seed, externalId('lead-contact', n, 5), account, w.emails);
  const noteText = leadNote(rng, note, lang);

  const pd = rep.skill.competencies.pipeline_discipline;
  const firstContactAt = source === 'Outbound' ? createdAt : toWeekday(createdAt + rng.gamma(1.5) * (0.2 + 1.5 * (1 - pd)) * DAY_MS);
  // Reps who push for an early demo (a hidden practice) also qualify fast.
  const pEarlyDemo = POLICY.earlyDemo(rep.skill, note);
  const earlyDemo = willConvert && rng.bernoulli(pEarlyDemo);
  const decidedAt = willConvert
    ? firstContactAt + (earlyDemo ? 1 + 4 * rng.next() : 2 + rng.gamma(2) * 4) * DAY_MS
    : firstContactAt + (3 + rng.gamma(2) * 8) * DAY_MS;
  const decided = decidedAt <= now;
  let status: string;
  if (decided) status = willConvert ? 'converted' : rng.bernoulli(0.6) ? 'disqualified' : 'nurturing';
  else if (firstContactAt > now) status = 'new';
  else status = willConvert && rng.bernoulli(0.5) ? 'qualified' : 'working';

  const lead: LeadContext = { id: demoUuid(w.seed, ext), externalId: ext, number: n, account, rep, lang, source, note, createdAt, firstContactAt };
  const at = iso(createdAt);
  w.pending.leads.push({
    id: lead.id, external_id: ext, name: contact.name, email: contact.email, phone: contact.phone, company: account.name, title: contact.title,
    industry: account.industry, country: account.country.name, city: account.city, language: lang, source, status, owner_id: rep.id, notes: noteText,
    converted: decided ? willConvert : null, converted_at: decided && willConvert ? iso(decidedAt) : null,
    attributes: { employees_band: employeesBand(account.employees), website_visits: websiteVisits, pages_viewed: pagesViewed, email_opens: emailOpens },
    created_at: at, updated_at: iso(Math.min(decidedAt, now)),
  });
  leadActivities(w, lead, noteText, Math.min(decidedAt, now), contact.name, willConvert && decided);
  if (decided && willConvert) {
    w.pending.contacts.push(contactRow(contact, account, iso(decidedAt), 'lead conversion'));
    simulateDeal(w, lead, contact, decidedAt, earlyDemo, pEarlyDemo);
  }
}

/** The first touch and the follow-ups before the lead is converted or dropped. */
function leadActivities(w: World, lead: LeadContext, noteText: string, until: number, customer: string, converting: boolean): void {
  const { rng } = w;
  const { rep, lang } = lead;
  const base = { rep, leadId: lead.id };
  const thread_id = `${lead.externalId}-thread`;
  addActivity(w, { ...base, type: 'note', direction: 'internal', body: noteText, at: lead.createdAt, attributes: { stage: 'lead', action: 'note' } });
  if (lead.firstContactAt > until) return;
  const vars = { name: customer, company: lead.account.name, rep: rep.name };
  if (lead.source === 'Web' || lead.source === 'Paid Ads') {
    const inquiry = emailText(rng, 'inquiry', lang, vars);
    addActivity(w, { ...base, type: 'email', direction: 'inbound', ...inquiry, at: lead.createdAt, attributes: { stage: 'lead', action: 'inquiry', thread_id } });
    const reply = emailText(rng, 'intro', lang, vars);
    addActivity(w, { ...base, type: 'email', direction: 'outbound', ...reply, at: lead.firstContactAt, attributes: { stage: 'lead', action: 'email', policy_p: 1, thread_id } });
  } else {
    const call = callTranscript(rng, 'discovery', lang, rep.skill, rep.name, customer);
    addActivity(w, {
      ...base, type: 'call', subtype: 'discovery', direction: 'outbound', subject: lang === 'zh' ? '初次沟通' : 'Intro call', transcript: call.turns,
      at: lead.firstContactAt, durationSeconds: call.durationSeconds,
      attributes: { stage: 'lead', action: 'call', policy_p: 1, talk_ratio: call.talkRatio, questions: call.questions, open_questions: call.openQuestions, language: lang },
    });
  }
  const pd = rep.skill.competencies.pipeline_discipline;
  const followUps = rng.poisson(0.4 + 2 * pd + (converting ? 0.5 : 0));
  const callShare = POLICY.callShare(rep.skill);
  let last = lead.firstContactAt;
  for (let k = 1; k <= followUps; k++) {
    const at = lead.firstContactAt + ((until - lead.firstContactAt) * k) / (followUps + 1);
    const daysSince = Math.round(((at - last) / DAY_MS) * 10) / 10;
    last = at;
    if (rng.bernoulli(callShare)) {
      const call = callTranscript(rng, 'discovery', lang, rep.skill, rep.name, customer);
      addActivity(w, {
        ...base, type: 'call', subtype: 'follow_up', direction: 'outbound', subject: lang === 'zh' ? '跟进电话' : 'Follow-up call', transcript: call.turns,
        at, durationSeconds: call.durationSeconds,
        attributes: { stage: 'lead', action: 'call', policy_p: prob(callShare), days_since_last: daysSince, talk_ratio: call.talkRatio, questions: call.questions, open_questions: call.openQuestions, language: lang },
      });
    } else {
      const mail = emailText(rng, 'follow_up', lang, vars);
      addActivity(w, { ...base, type: 'email', direction: 'outbound', ...mail, at, attributes: { stage: 'lead', action: 'email', policy_p: prob(1 - callShare), days_since_last: daysSince, thread_id } });
    }
  }
}

