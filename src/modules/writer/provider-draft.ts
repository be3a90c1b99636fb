// Drafting with the configured model: the fact sheet goes in as data (behind the privacy guard,
// which redacts names and contact details), the answer comes back as JSON {subject, body}, and
// the caller runs the same fact check as for offline drafts.
import type { Draft, Kind, Language, Tone } from '../../ml/writing/compose.ts';
import type { LengthName, Channel } from '../../ml/writing/spam.ts';
import type { ModelProvider } from '../../llm/types.ts';

const DRAFT_SCHEMA = {
  name: 'email_draft',
  strict: true,
  schema: {
    type: 'object',
    properties: { subject: { type: 'string', minLength: 1 }, body: { type: 'string', minLength: 1 } },
    required: ['subject', 'body'],
    additionalProperties: false,
  },
};

const LENGTH_HINT: Record<LengthName, string> = { short: 'about 60-100 words', medium: 'about 120-180 words', long: 'about 200-300 words' };

export interface ProviderDraftRequest {
  kind: Kind;
  tone: Tone;
  length: LengthName;
  language: Language;
  channel?: Channel;
  callToAction?: string;
  facts: unknown;
  variants: number;
}

export async function draftWithProvider(provider: ModelProvider, r: ProviderDraftRequest): Promise<Draft[]> {
  const what = r.kind === 'marketing_copy' ? `marketing copy for the ${r.channel ?? 'email'} channel` : `a ${r.kind.replace('_', '-')} sales email`;
  const system = [
    `You write ${what} for a B2B sales team.`,
    'Use only the facts in the FACTS JSON: every number, price, date, product name and claim must come from it.',
    'Never invent discounts, deadlines, statistics or products, and avoid superlatives and guarantees.',
    `Tone: ${r.tone}. Length: ${LENGTH_HINT[r.length]}. Language: ${r.language === 'zh' ? 'Simplified Chinese' : 'English'}.`,
    r.callToAction ? `End with this call to action: ${r.callToAction}` : 'End with one clear, low-pressure call to action.',
    'Answer with JSON {"subject": string, "body": string} only.',
  ].join('\n');
  const drafts: Draft[] = [];
  for (let v = 0; v < r.variants; v++) {
    const user = `Variant ${v + 1} of ${r.variants}${v > 0 ? ' (take a different angle from the others)' : ''}.\nFACTS:\n${JSON.stringify(r.facts, null, 1)}`;
    const result = await provider.generate({
      messages: [{ role: 'system', content: system }, { role: 'user', content: user }],
      jsonSchema: DRAFT_SCHEMA,
      temperature: 0.7,
      maxTokens: 900,
      purpose: r.kind === 'marketing_copy' ? 'marketing-copy' : 'email-draft',
    });
    const json = result.json as { subject: string; body: string };
    drafts.push({ subject: json.subject.trim(), body: json.body.trim() });
  }
  return drafts;
}
