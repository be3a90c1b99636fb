// Exact JSON round trip of a fitted scorer for the model registry (models.artifact jsonb).
// Typed arrays travel as base64 of their bytes (bit-exact, and a third of the size of number lists);
// non-finite plain numbers (which JSON would turn into null) travel as strings.
import type { LeadScorer } from './scorer.ts';

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;
const CTORS = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint8Array } as const;
type CtorName = keyof typeof CTORS;

function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name as CtorName;
    if (!(name in CTORS)) throw new Error(`cannot serialise ${name}`);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return { $typed: name, b64: bytes.toString('base64') };
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
  return out;
}

function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const obj = value as Record<string, unknown>;
  if (typeof obj.$num === 'string' && Object.keys(obj).length === 1) return Number(obj.$num);
  if (typeof obj.$typed === 'string' && typeof obj.b64 === 'string') {
    const Ctor = CTORS[obj.$typed as CtorName];
    if (!Ctor) throw new Error(`unknown typed array ${obj.$typed}`);
    const bytes = Buffer.from(obj.b64, 'base64');
    // Copy into a fresh, aligned buffer (Buffer pools are not aligned for 8-byte elements).
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return new Ctor(copy.buffer) as TypedArray;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = decodeValue(v);
  return out;
}

/** Any plain structure with typed arrays → JSON-safe value. */
export function toArtifactJson(value: unknown): unknown {
  return encodeValue(value);
}

export function fromArtifactJson<T>(json: unknown): T {
  return decodeValue(json) as T;
}

export function serializeScorer(scorer: LeadScorer): unknown {
  return toArtifactJson(scorer);
}

export function deserializeScorer(json: unknown): LeadScorer {
  return fromArtifactJson<LeadScorer>(json);
}
