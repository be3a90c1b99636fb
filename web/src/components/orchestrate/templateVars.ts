// The Writer's template variables as the API knows them (src/ml/writing/compose.ts
// TEMPLATE_VARIABLES) and the same {{variable}} / {{#section}} pattern the server validates with
// (src/ml/writing/template.ts), so the editor previews what the save will accept.
export const TEMPLATE_VARIABLES = [
  'recipient_name', 'recipient_title', 'company', 'industry', 'employees', 'country', 'segment',
  'product', 'product_price', 'product_description', 'product_snippet', 'products_bought',
  'opportunity_name', 'opportunity_amount', 'expected_close', 'last_activity_subject', 'last_activity_date',
  'key_sentence', 'sender_name', 'call_to_action', 'customers',
] as const;

export const TEMPLATE_KINDS = ['follow_up', 'outreach', 'proposal', 're_engagement', 'marketing_copy'] as const;

const VARIABLE = /\{\{\s*([#/^]?)\s*([A-Za-z_][\w]*)\s*\}\}/g;

export interface VariableUse { name: string; known: boolean; count: number }

/** The variables a template's parts use, in order of first use, each with whether the API knows it. */
export function variablesUsed(...parts: string[]): VariableUse[] {
  const out = new Map<string, VariableUse>();
  for (const part of parts) {
    for (const m of part.matchAll(VARIABLE)) {
      const name = m[2];
      const v = out.get(name) ?? { name, known: (TEMPLATE_VARIABLES as readonly string[]).includes(name), count: 0 };
      if (m[1] !== '/') v.count += 1;
      out.set(name, v);
    }
  }
  return [...out.values()];
}

/** Splits text into plain runs and {{…}} tags, for highlighting in the preview. */
export function splitTags(text: string): { text: string; tag?: string; known?: boolean }[] {
  const out: { text: string; tag?: string; known?: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(VARIABLE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ text: m[0], tag: m[2], known: (TEMPLATE_VARIABLES as readonly string[]).includes(m[2]) });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
