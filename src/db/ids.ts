// Time-ordered ids (UUIDv7, RFC 9562) made in node, matching the database's sb_uuid_v7() default
// (migration 010). Hand-written because the `uuid` package's v7 costs ~11 µs per id here, most of a
// bulk-imported row's budget, and because PostgreSQL's default costs ~5 µs of server CPU per row;
// this one reuses node's pooled random v4 and swaps in the millisecond timestamp (~0.3 µs).
import { randomUUID } from 'node:crypto';

let lastMs = -1;
let prefix = '';

/** A random UUID whose first 48 bits are the Unix time in ms, so new rows append to the id index. */
export function timeOrderedId(now = Date.now()): string {
  if (now !== lastMs) {
    lastMs = now;
    const hex = now.toString(16).padStart(12, '0');
    prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`;
  }
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx; keep its random bits and RFC variant (N).
  return prefix + randomUUID().slice(15);
}
