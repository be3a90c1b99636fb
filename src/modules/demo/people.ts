// People: names in the contact's language, with e-mail addresses and phone numbers that fit.
import type { Rng } from '../../ml/random.ts';
import type { Lang } from './texts.ts';
import { FIRST_NAMES, LAST_NAMES, ZH_GIVEN, ZH_SURNAMES, type Country } from './vocabulary.ts';

export interface Person {
  name: string;
  /** ASCII local part for e-mail addresses, e.g. "emma.muller" or "wei.wang". */
  handle: string;
}

const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

export function person(rng: Rng, lang: Lang): Person {
  if (lang === 'zh') {
    const [surname, surnamePinyin] = rng.pick(ZH_SURNAMES);
    const [given, givenPinyin] = rng.pick(ZH_GIVEN);
    return { name: `${surname}${given}`, handle: `${givenPinyin}.${surnamePinyin}` };
  }
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  return { name: `${first} ${last}`, handle: `${ascii(first)}.${ascii(last)}` };
}

export function phone(rng: Rng, country: Country): string {
  let digits = '';
  for (let i = 0; i < 9; i++) digits += String(rng.int(10));
  return `${country.phone} ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** Makes e-mail addresses unique within one generation run by numbering repeats. */
export class EmailBook {
  private readonly seen = new Map<string, number>();

  address(handle: string, domain: string): string {
    const key = `${handle}@${domain}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return n === 1 ? key : `${handle}${n}@${domain}`;
  }
}
