// The one interface every model provider implements (OpenAI-compatible server, local model, …),
// so services never care where a completion or an embedding comes from.

export type ProviderKind = 'openai' | 'local' | 'offline';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON Schema the answer must satisfy (sent as `response_format: json_schema`, checked on return). */
export interface JsonSchemaSpec {
  name: string;
  schema: Record<string, unknown>;
  /** OpenAI "strict" structured outputs (needs additionalProperties: false and every property required). */
  strict?: boolean;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  jsonSchema?: JsonSchemaSpec;
  /** What the call is for (e.g. "email-draft"); recorded in the audit log. */
  purpose?: string;
  signal?: AbortSignal;
  /** Called with each server-reported usage of this call (both rounds of a JSON repair, a stream's total). */
  onUsage?: (usage: TokenUsage) => void;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface GenerateResult {
  text: string;
  usage: TokenUsage;
  /** The parsed answer when `jsonSchema` was given (already validated against it). */
  json?: unknown;
}

export interface EmbedOptions {
  purpose?: string;
  signal?: AbortSignal;
  onUsage?: (usage: TokenUsage) => void;
}

export interface ModelProvider {
  readonly kind: ProviderKind;
  readonly chatModel: string;
  readonly embeddingModel: string;
  /** True when text leaves the machine: such providers must go through the privacy guard. */
  readonly remote: boolean;
  embed(texts: string[], options?: EmbedOptions): Promise<Float32Array[]>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Token deltas as they arrive; usage (when the server reports it) goes to the provider's accounting. */
  stream(request: GenerateRequest): AsyncIterable<string>;
}

export const zeroUsage = (): TokenUsage => ({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
