// Customer companies and their people, across industries and countries.
import type { Rng } from '../../ml/random.ts';
import type { DemoRow } from './bulk.ts';
import { DAY_MS, clamp, demoUuid, externalId, iso, round2 } from './ids.ts';
import { routeToRep, type Org, type Rep } from './org.ts';
import { EmailBook, person, phone } from './people.ts';
import type { Lang } from './texts.ts';
import {
  COMPANY_ROOTS, COMPANY_WORDS, COUNTRIES, INDUSTRIES, INDUSTRY_ZH, LEGAL_SUFFIX, TITLES, ZH_COMPANY_ROOTS, ZH_TITLES,
  type Country, type Industry,
} from './vocabulary.ts';

export interface Account {
  id: string;
  externalId: string;
  name: string;
  industry: Industry;
  country: Country;
  city: string;
  lang: Lang;
  employees: number;
  domain: string;
  owner: Rep;
}

/** Revenue per employee (USD) by industry, for plausible annual revenue. */
const REVENUE_PER_EMPLOYEE: Record<Industry, number> = {
  Manufacturing: 220_000, Software: 260_000, Healthcare: 150_000, Retail: 180_000, Finance: 420_000, Logistics: 170_000, Education: 90_000, Energy: 480_000,
};

export const segmentOf = (employees: number): string => (employees < 200 ? 'SMB' : employees < 2000 ? 'Mid-Market' : 'Enterprise');

export function buildAccounts(rng: Rng, seed: number, count: number, org: Org, now: number): { accounts: Account[]; rows: DemoRow[] } {
  const countries = COUNTRIES.filter((c) => org.repsByRegion.has(c.region));
  const weights = countries.map((c) => c.weight);
  const names = new Set<string>();
  const slugs = new Map<string, number>();
  const accounts: Account[] = [];
  const rows: DemoRow[] = [];
  for (let i = 0; i < count; i++) {
    const country = countries[rng.weighted(weights)];
    const industry = rng.pick(INDUSTRIES);
    const lang: Lang = rng.bernoulli(country.zh) ? 'zh' : 'en';
    const city = rng.pick(country.cities);
    let name: string;
    let slug: string;
    if (lang === 'zh' && country.region === 'Greater China') {
      const [root, pinyin] = rng.pick(ZH_COMPANY_ROOTS);
      name = `${city}${root}${INDUSTRY_ZH[industry]}有限公司`;
      slug = `${pinyin}-${industry.toLowerCase()}`;
    } else {
      const root = rng.pick(COMPANY_ROOTS);
      const word = rng.pick(COMPANY_WORDS[industry]);
      name = `${root} ${word} ${LEGAL_SUFFIX[country.name] ?? 'Ltd'}`;
      slug = `${root}${word}`.toLowerCase();
    }
    // Names repeat in a big world; number the repeats so every account is distinguishable.
    for (let n = 2; names.has(name); n++) name = `${name.replace(/ \(\d+\)$/, '')} (${n})`;
    names.add(name);
    const tld = country.name === 'China' ? 'cn' : country.name === 'Taiwan' ? 'tw' : country.name === 'Hong Kong' ? 'hk' : 'com';
    const taken = (slugs.get(slug) ?? 0) + 1;
    slugs.set(slug, taken);
    const domain = `${slug}${taken > 1 ? taken : ''}.${tld}`;
    const employees = Math.round(clamp(10 ** rng.normal(2.5, 0.75), 12, 150_000));
    const ext = externalId('account', i + 1, 5);
    const owner = routeToRep(rng, org, country.region, lang);
    const account: Account = { id: demoUuid(seed, ext), externalId: ext, name, industry, country, city, lang, employees, domain, owner };
    accounts.push(account);
    const created = iso(now - (760 + rng.int(400)) * DAY_MS);
    rows.push({
      id: account.id, external_id: ext, name, industry, region: country.region, country: country.name, employees,
      annual_revenue: round2(employees * REVENUE_PER_EMPLOYEE[industry] * Math.exp(rng.normal(0, 0.35))),
      website: `https://www.${domain}`, owner_id: owner.id,
      attributes: { segment: segmentOf(employees), city, language: lang }, created_at: created, updated_at: created,
    });
  }
  return { accounts, rows };
}

export interface ContactPerson {
  id: string;
  externalId: string;
  name: string;
  email: string;
  phone: string;
  title: string;
  lang: Lang;
}

export function makeContact(rng: Rng, seed: number, ext: string, account: Account, emails: EmailBook): ContactPerson {
  const p = person(rng, account.lang);
  return {
    id: demoUuid(seed, ext),
    externalId: ext,
    name: p.name,
    email: emails.address(p.handle, account.domain),
    phone: phone(rng, account.country),
    title: account.lang === 'zh' ? rng.pick(ZH_TITLES) : rng.pick(TITLES),
    lang: account.lang,
  };
}

export function contactRow(c: ContactPerson, account: Account, at: string, source: string): DemoRow {
  return {
    id: c.id, external_id: c.externalId, account_id: account.id, name: c.name, email: c.email, phone: c.phone, title: c.title,
    language: c.lang, owner_id: account.owner.id, attributes: { source }, created_at: at, updated_at: at,
  };
}
