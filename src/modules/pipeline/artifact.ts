// JSON round trip of a fitted scorer for models.artifact: typed arrays as base64 of their bytes,
// non-finite numbers as strings. (Same format as the lead-scoring artifact; kept here so this
// module does not depend on another capability's storage code.)
const CTORS = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint8Array } as const;
type CtorName = keyof typeof CTORS;

export function toJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name as CtorName;
    if (!(name in CTORS)) throw new Error(`cannot serialise ${name}`);
    return { $typed: name, b64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  if (Array.isArray(value)) return value.map(toJson);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
  return out;
}

export function fromJson<T>(value: unknown): T {
  if (value === null || typeof value !== 'object') return value as T;
  if (Array.isArray(value)) return value.map((v) => fromJson(v)) as T;
  const obj = value as Record<string, unknown>;
  if (typeof obj.$num === 'string' && Object.keys(obj).length === 1) return Number(obj.$num) as T;
  if (typeof obj.$typed === 'string' && typeof obj.b64 === 'string') {
    const bytes = Buffer.from(obj.b64, 'base64');
    const copy = new Uint8Array(bytes.length); // aligned
    copy.set(bytes);
    return new CTORS[obj.$typed as CtorName](copy.buffer) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fromJson(v);
  return out as T;
}
