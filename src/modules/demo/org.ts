// The sales organisation: one team per region, each with a manager and reps whose skills are hidden.
import type { Rng } from '../../ml/random.ts';
import type { DemoRow } from './bulk.ts';
import { demoUuid, externalId } from './ids.ts';
import { EmailBook, person } from './people.ts';
import type { SizePlan } from './sizes.ts';
import { sampleRepSkill, type RepSkill } from './truth.ts';
import type { Lang } from './texts.ts';

export const DEMO_EMAIL_DOMAIN = 'bloomtech.example';

export interface Team {
  id: string;
  externalId: string;
  name: string;
  region: string;
  managerId: string;
}

export interface Rep {
  id: string;
  externalId: string;
  name: string;
  email: string;
  team: Team;
  locale: Lang;
  skill: RepSkill;
}

export interface Org {
  teams: Team[];
  managers: { id: string; externalId: string; name: string; email: string; team: Team }[];
  reps: Rep[];
  /** Reps per region, and the Chinese-speaking ones among them, for routing leads. */
  repsByRegion: Map<string, { all: Rep[]; zh: Rep[] }>;
}

/** Share of reps who speak Chinese, per region. */
const ZH_REP_SHARE: Record<string, number> = { 'Greater China': 1, APAC: 0.35, EMEA: 0.08, Americas: 0.1 };

export function buildOrg(rng: Rng, seed: number, plan: SizePlan, emails: EmailBook): Org {
  const teams: Team[] = plan.regions.map((region, i) => {
    const ext = externalId('team', i + 1, 2);
    return { id: demoUuid(seed, ext), externalId: ext, name: `${region} Sales`, region, managerId: demoUuid(seed, externalId('manager', i + 1, 2)) };
  });
  const managers = teams.map((team, i) => {
    const p = person(rng, team.region === 'Greater China' ? 'zh' : 'en');
    const ext = externalId('manager', i + 1, 2);
    return { id: team.managerId, externalId: ext, name: p.name, email: emails.address(p.handle, DEMO_EMAIL_DOMAIN), team };
  });
  const reps: Rep[] = [];
  for (let i = 0; i < plan.reps; i++) {
    const team = teams[i % teams.length];
    const zh = rng.bernoulli(ZH_REP_SHARE[team.region] ?? 0);
    const locale: Lang = zh ? 'zh' : 'en';
    const p = person(rng, locale);
    const ext = externalId('rep', i + 1, 3);
    reps.push({ id: demoUuid(seed, ext), externalId: ext, name: p.name, email: emails.address(p.handle, DEMO_EMAIL_DOMAIN), team, locale, skill: sampleRepSkill(rng) });
  }
  const repsByRegion = new Map<string, { all: Rep[]; zh: Rep[] }>();
  for (const team of teams) {
    const all = reps.filter((r) => r.team === team);
    repsByRegion.set(team.region, { all, zh: all.filter((r) => r.locale === 'zh') });
  }
  return { teams, managers, reps, repsByRegion };
}

/** The rep who works a lead or account: Chinese-speaking customers go to Chinese-speaking reps when the team has one. */
export function routeToRep(rng: Rng, org: Org, region: string, lang: Lang): Rep {
  const pool = org.repsByRegion.get(region) ?? { all: org.reps, zh: [] };
  if (lang === 'zh' && pool.zh.length > 0 && rng.bernoulli(0.9)) return rng.pick(pool.zh);
  return rng.pick(pool.all.length ? pool.all : org.reps);
}

export function teamRows(org: Org, at: string): DemoRow[] {
  return org.teams.map((t) => ({ id: t.id, external_id: t.externalId, name: t.name, region: t.region, attributes: { demo: true }, created_at: at, updated_at: at }));
}

export function userRows(org: Org, passwordHash: string, at: string): DemoRow[] {
  const managers = org.managers.map((m) => ({
    id: m.id, external_id: m.externalId, email: m.email, name: m.name, role: 'manager', team_id: m.team.id, password_hash: passwordHash,
    locale: m.team.region === 'Greater China' ? 'zh' : 'en', attributes: { demo: true }, created_at: at, updated_at: at,
  }));
  const reps = org.reps.map((r) => ({
    id: r.id, external_id: r.externalId, email: r.email, name: r.name, role: 'rep', team_id: r.team.id, password_hash: passwordHash,
    locale: r.locale, attributes: { demo: true, languages: r.locale === 'zh' ? ['zh', 'en'] : ['en'] }, created_at: at, updated_at: at,
  }));
  return [...managers, ...reps];
}
