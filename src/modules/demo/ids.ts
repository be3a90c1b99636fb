// Stable identities and time helpers. Row ids are derived from (seed, external_id) so every
// child row can name its parent without a round trip, and a re-run with the same seed
// produces the same rows.
import { createHash } from 'node:crypto';
import { Rng } from '../../ml/random.ts';

export const DAY_MS = 86_400_000;

/** A UUID (version 8, "custom") hashed from the seed and the row's external id. */
export function demoUuid(seed: number, externalId: string): string {
  const h = createHash('sha256').update(`salesbloom-demo:${seed}:${externalId}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `demo-lead-00042`: zero-padded so external ids sort in generation order. */
export function externalId(kind: string, n: number, width = 5): string {
  return `demo-${kind}-${String(n).padStart(width, '0')}`;
}

/** An independent random stream per part of the generator, so changing one part leaves the others' draws alone. */
export function streamRng(seed: number, stream: number): Rng {
  return new Rng((seed + Math.imul(stream, 0x9e3779b1)) >>> 0);
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Moves a weekend instant to the following Monday at the same time of day (business activity happens on weekdays). */
export function toWeekday(ms: number): number {
  const dow = new Date(ms).getUTCDay();
  if (dow === 6) return ms + 2 * DAY_MS;
  if (dow === 0) return ms + DAY_MS;
  return ms;
}

/** An instant in office hours (08:00–18:00 UTC) on the day of `ms`. */
export function officeHours(rng: Rng, ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day + (8 + rng.next() * 10) * 3_600_000;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
