// Parsing and checking structured (JSON-schema) answers. Validation uses TypeBox's JSON Schema
// engine (already a dependency for the API schemas) rather than a hand-written validator.
import Schema from 'typebox/schema';

export interface JsonCheck {
  ok: boolean;
  value?: unknown;
  /** Human-readable problems, fed back to the model in the repair request. */
  problems: string[];
}

/** Strips a Markdown code fence some models wrap JSON in, even in JSON mode. */
function unfence(text: string): string {
  const m = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?```\s*$/i.exec(text);
  return m ? m[1] : text.trim();
}

export function checkJsonAnswer(text: string, schema: Record<string, unknown>): JsonCheck {
  let value: unknown;
  try {
    value = JSON.parse(unfence(text));
  } catch (err) {
    return { ok: false, problems: [`not valid JSON: ${(err as Error).message}`] };
  }
  const [ok, errors] = Schema.Errors(schema as never, value) as [boolean, { instancePath: string; message: string }[]];
  if (ok) return { ok: true, value, problems: [] };
  return { ok: false, value, problems: errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`) };
}
