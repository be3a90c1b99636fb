// The privacy guard every remote provider goes through: prompts and embedding inputs are redacted
// before they leave the machine, answers are restored, an admin switch can forbid remote calls,
// and every call is reported (with the text actually sent) for the audit log.
import { RemoteDisabledError } from './errors.ts';
import { Redactor, createStreamRestorer, restore, restoreDeep, type RedactionCounts } from './redact.ts';
import type { EmbedOptions, GenerateRequest, GenerateResult, ModelProvider, ProviderKind, TokenUsage } from './types.ts';
import { zeroUsage } from './types.ts';

export interface CallRecord {
  provider: ProviderKind;
  model: string;
  purpose: string;
  operation: 'generate' | 'stream' | 'embed';
  /** Exactly what left the machine (after redaction), for the audit log. */
  sentText: string;
  tokens: TokenUsage;
  ms: number;
  redactions: RedactionCounts;
  ok: boolean;
  error?: string;
}

type MaybeAsync<T> = T | Promise<T>;

export interface GuardOptions {
  /** Admin switch; a function is read on every call so a settings change applies at once. */
  allowRemote: boolean | (() => MaybeAsync<boolean>);
  /** Names the CRM knows (contacts, users), read per call so new contacts are covered. */
  knownNames?: readonly string[] | (() => MaybeAsync<readonly string[]>);
  knownOrganizations?: readonly string[] | (() => MaybeAsync<readonly string[]>);
  /** Audit hook; its failures are swallowed so auditing can never break a call, but they are reported to onHookError. */
  onCall?: (record: CallRecord) => MaybeAsync<void>;
  onHookError?: (error: unknown) => void;
}

const read = async <T>(value: T | (() => MaybeAsync<T>)): Promise<T> => (typeof value === 'function' ? await (value as () => MaybeAsync<T>)() : value);

export class GuardedProvider implements ModelProvider {
  readonly kind: ProviderKind;
  readonly chatModel: string;
  readonly embeddingModel: string;
  readonly remote: boolean;

  constructor(
    private readonly inner: ModelProvider,
    private readonly options: GuardOptions,
  ) {
    this.kind = inner.kind;
    this.chatModel = inner.chatModel;
    this.embeddingModel = inner.embeddingModel;
    this.remote = inner.remote;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { redactor, sent, sentText } = await this.prepare(request);
    const started = Date.now();
    try {
      const result = await this.inner.generate(sent);
      await this.audit('generate', this.chatModel, request.purpose, sentText, result.usage, started, redactor);
      const out: GenerateResult = { text: restore(result.text, redactor.mapping), usage: result.usage };
      if (result.json !== undefined) out.json = restoreDeep(result.json, redactor.mapping);
      return out;
    } catch (err) {
      await this.audit('generate', this.chatModel, request.purpose, sentText, zeroUsage(), started, redactor, err);
      throw err;
    }
  }

  async *stream(request: GenerateRequest): AsyncIterable<string> {
    const { redactor, sent, sentText } = await this.prepare(request);
    let usage = zeroUsage();
    const started = Date.now();
    const restorer = createStreamRestorer(redactor.mapping);
    try {
      for await (const delta of this.inner.stream({ ...sent, onUsage: (u) => ((usage = u), request.onUsage?.(u)) })) {
        const ready = restorer.push(delta);
        if (ready) yield ready;
      }
      const rest = restorer.flush();
      if (rest) yield rest;
    } catch (err) {
      await this.audit('stream', this.chatModel, request.purpose, sentText, usage, started, redactor, err);
      throw err;
    }
    await this.audit('stream', this.chatModel, request.purpose, sentText, usage, started, redactor);
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    await this.checkAllowed();
    const redactor = await this.redactor();
    const sent = this.remote ? texts.map((t) => redactor.redact(t)) : texts;
    let usage = zeroUsage();
    const started = Date.now();
    const sentText = sent.join('\n');
    try {
      const vectors = await this.inner.embed(sent, { ...options, onUsage: (u) => ((usage = u), options.onUsage?.(u)) });
      await this.audit('embed', this.embeddingModel, options.purpose, sentText, usage, started, redactor);
      return vectors;
    } catch (err) {
      await this.audit('embed', this.embeddingModel, options.purpose, sentText, usage, started, redactor, err);
      throw err;
    }
  }

  private async checkAllowed(): Promise<void> {
    if (this.remote && !(await read(this.options.allowRemote))) throw new RemoteDisabledError(`${this.kind} (${this.chatModel})`);
  }

  private async redactor(): Promise<Redactor> {
    const [knownNames, knownOrganizations] = await Promise.all([read(this.options.knownNames ?? []), read(this.options.knownOrganizations ?? [])]);
    return new Redactor({ knownNames, knownOrganizations });
  }

  /** Redacts every message with one session, so placeholders agree across system and user messages. */
  private async prepare(request: GenerateRequest) {
    await this.checkAllowed();
    const redactor = await this.redactor();
    const messages = this.remote ? request.messages.map((m) => ({ ...m, content: redactor.redact(m.content) })) : request.messages;
    const sent: GenerateRequest = { ...request, messages };
    const sentText = messages.map((m) => `${m.role}: ${m.content}`).join('\n');
    return { redactor, sent, sentText };
  }

  private async audit(
    operation: CallRecord['operation'],
    model: string,
    purpose: string | undefined,
    sentText: string,
    tokens: TokenUsage,
    started: number,
    redactor: Redactor,
    error?: unknown,
  ): Promise<void> {
    if (!this.options.onCall) return;
    const record: CallRecord = {
      provider: this.kind,
      model,
      purpose: purpose ?? 'unspecified',
      operation,
      sentText,
      tokens,
      ms: Date.now() - started,
      redactions: { ...redactor.counts },
      ok: error === undefined,
    };
    if (error !== undefined) record.error = error instanceof Error ? error.message : String(error);
    try {
      await this.options.onCall(record);
    } catch (hookError) {
      this.options.onHookError?.(hookError);
    }
  }
}
