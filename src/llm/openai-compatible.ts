// A client for any server that speaks the OpenAI HTTP API (OpenAI, Azure OpenAI v1, Ollama, vLLM,
// llama.cpp server, LM Studio): chat completions (plain, streamed, JSON-schema) and embeddings,
// with timeouts, retries, a client-side rate limit and token/cost accounting.
// Uses Node's global fetch rather than the `openai` SDK: the protocol surface needed is three
// requests, and the SDK would add a dependency without giving rate limiting or redaction hooks.
import { Rng } from '../ml/random.ts';
import { ModelOutputError, ModelServerError } from './errors.ts';
import { checkJsonAnswer } from './json-output.ts';
import { RateLimiter } from './rate-limiter.ts';
import { backoffDelayMs, isRetryableStatus, retryAfterMs, sleep, type BackoffPolicy } from './retry.ts';
import { sseData } from './sse.ts';
import { UsageMeter, parseUsage, type ModelPrice } from './usage-meter.ts';
import type { ChatMessage, EmbedOptions, GenerateRequest, GenerateResult, ModelProvider, TokenUsage } from './types.ts';

export interface OpenAICompatibleOptions {
  /** e.g. https://api.openai.com/v1, http://localhost:11434 (Ollama); "/v1" is added when missing. */
  baseUrl: string;
  apiKey?: string;
  chatModel: string;
  embeddingModel: string;
  /** Per attempt; for streams, the longest silence allowed between chunks. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt on 408/409/429/5xx, timeouts and network errors. Default 3. */
  maxRetries?: number;
  /** Client-side limit; 0 or absent means unlimited. */
  requestsPerMinute?: number;
  prices?: Record<string, ModelPrice>;
  /** Whether text leaves the machine. Default: true unless the host is a loopback address. */
  remote?: boolean;
  backoff?: BackoffPolicy;
  /** A Retry-After longer than this is not waited for: the call fails instead. Default 60 s. */
  maxRetryAfterMs?: number;
  embeddingBatchSize?: number;
  /** Seed for the backoff jitter. */
  seed?: number;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i;

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

function endpoint(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /\/v\d+$/.test(base) ? `${base}${path}` : `${base}/v1${path}`;
}

class TimeoutError extends Error {}

export class OpenAICompatibleProvider implements ModelProvider {
  readonly kind = 'openai' as const;
  readonly chatModel: string;
  readonly embeddingModel: string;
  readonly remote: boolean;
  readonly usage: UsageMeter;
  private readonly limiter: RateLimiter;
  private readonly rng: Rng;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoff: BackoffPolicy;
  private readonly maxRetryAfterMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: OpenAICompatibleOptions) {
    this.chatModel = options.chatModel;
    this.embeddingModel = options.embeddingModel;
    this.remote = options.remote ?? !isLoopbackUrl(options.baseUrl);
    this.usage = new UsageMeter(options.prices);
    this.limiter = new RateLimiter(options.requestsPerMinute ?? 0);
    this.rng = new Rng(options.seed ?? Date.now());
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoff = options.backoff ?? { baseDelayMs: 500, maxDelayMs: 20_000 };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.batchSize = options.embeddingBatchSize ?? 64;
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const first = await this.complete(request, request.messages);
    if (!request.jsonSchema) return first;
    let check = checkJsonAnswer(first.text, request.jsonSchema.schema);
    if (check.ok) return { ...first, json: check.value };
    // One repair round: show the model its answer and what is wrong with it.
    const repairMessages: ChatMessage[] = [
      ...request.messages,
      { role: 'assistant', content: first.text },
      {
        role: 'user',
        content: `That answer does not match the required JSON schema: ${check.problems.slice(0, 10).join('; ')}. ` +
          'Reply again with only the corrected JSON object, no prose.',
      },
    ];
    const second = await this.complete(request, repairMessages);
    const usage = addUsage(first.usage, second.usage);
    check = checkJsonAnswer(second.text, request.jsonSchema.schema);
    if (!check.ok) {
      throw new ModelOutputError(
        `The model's answer does not match the JSON schema "${request.jsonSchema.name}" after one repair attempt: ${check.problems.slice(0, 5).join('; ')}`,
        second.text,
      );
    }
    return { text: second.text, usage, json: check.value };
  }

  async *stream(request: GenerateRequest): AsyncIterable<string> {
    const body = { ...this.chatBody(request, request.messages), stream: true, stream_options: { include_usage: true } };
    const { response, attempt } = await this.send('/chat/completions', body, request.signal, true);
    let usage: TokenUsage | undefined;
    try {
      for await (const payload of sseData(attempt.idleGuard(response.body!))) {
        let chunk: Record<string, any>;
        try {
          chunk = JSON.parse(payload);
        } catch {
          throw new ModelOutputError('The model server sent a stream chunk that is not JSON', payload);
        }
        if (chunk.error) throw new ModelServerError(`The model server reported an error mid-stream: ${JSON.stringify(chunk.error)}`);
        if (chunk.usage) usage = parseUsage(chunk.usage);
        const delta = chunk.choices?.[0]?.delta?.content;
        if (typeof delta === 'string' && delta.length > 0) yield delta;
      }
    } catch (err) {
      throw attempt.translate(err);
    } finally {
      attempt.done();
    }
    if (usage) this.account(this.chatModel, usage, request.onUsage);
  }

  async embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const json = await this.postJson('/embeddings', { model: this.embeddingModel, input: batch }, options.signal);
      const data = Array.isArray(json.data) ? json.data : [];
      if (data.length !== batch.length) {
        throw new ModelOutputError(`Asked for ${batch.length} embeddings, the server returned ${data.length}`, JSON.stringify(json).slice(0, 500));
      }
      const vectors = new Array<Float32Array>(batch.length);
      data.forEach((item: any, k: number) => {
        const index = Number.isInteger(item?.index) ? item.index : k;
        const values = item?.embedding;
        if (!Array.isArray(values) || values.length === 0 || !values.every((v: unknown) => typeof v === 'number' && Number.isFinite(v))) {
          throw new ModelOutputError('The server returned an embedding that is not a list of finite numbers', JSON.stringify(item).slice(0, 200));
        }
        vectors[index] = Float32Array.from(values);
      });
      out.push(...vectors);
      this.account(this.embeddingModel, parseUsage(json.usage), options.onUsage);
    }
    return out;
  }

  private chatBody(request: GenerateRequest, messages: ChatMessage[]): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.chatModel,
      messages,
      max_tokens: request.maxTokens ?? 512,
      temperature: request.temperature ?? 0.2,
    };
    if (request.jsonSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: request.jsonSchema.strict ?? false },
      };
    }
    return body;
  }

  private async complete(request: GenerateRequest, messages: ChatMessage[]): Promise<GenerateResult> {
    const json = await this.postJson('/chat/completions', this.chatBody(request, messages), request.signal);
    const text = json.choices?.[0]?.message?.content;
    if (typeof text !== 'string') {
      throw new ModelOutputError('The model server returned no message content', JSON.stringify(json).slice(0, 500));
    }
    const usage = parseUsage(json.usage);
    this.account(this.chatModel, usage, request.onUsage);
    return { text, usage };
  }

  private account(model: string, usage: TokenUsage, onUsage?: (u: TokenUsage) => void): void {
    this.usage.record(model, usage);
    onUsage?.(usage);
  }

  private async postJson(path: string, body: unknown, signal?: AbortSignal): Promise<any> {
    const { response, attempt } = await this.send(path, body, signal, false);
    try {
      return await response.json();
    } catch (err) {
      throw attempt.translate(err);
    } finally {
      attempt.done();
    }
  }

  /**
   * POSTs with retries. Resolves with an OK response whose attempt is still armed (its timer also
   * covers reading the body); the caller must call `attempt.done()`.
   */
  private async send(path: string, body: unknown, signal: AbortSignal | undefined, streaming: boolean): Promise<{ response: Response; attempt: Attempt }> {
    const url = endpoint(this.options.baseUrl, path);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (streaming) headers.accept = 'text/event-stream';
    if (this.options.apiKey) {
      if (/\.azure\.com$/i.test(new URL(url).hostname)) headers['api-key'] = this.options.apiKey;
      else headers.authorization = `Bearer ${this.options.apiKey}`;
    }
    const payload = JSON.stringify(body);
    for (let retry = 0; ; retry++) {
      await this.limiter.acquire(signal);
      const attempt = new Attempt(this.timeoutMs, signal, url);
      let wait: number;
      try {
        const response = await fetch(url, { method: 'POST', headers, body: payload, signal: attempt.signal });
        if (response.ok) return { response, attempt };
        const detail = (await response.text().catch(() => '')).slice(0, 500);
        attempt.done();
        const error = new ModelServerError(describeStatus(response.status, url, detail), response.status);
        if (!isRetryableStatus(response.status) || retry >= this.maxRetries) throw error;
        const asked = retryAfterMs(response.headers);
        if (asked !== undefined && asked > this.maxRetryAfterMs) {
          throw new ModelServerError(`${error.message} (the server asked to retry after ${Math.round(asked / 1000)} s, longer than the ${Math.round(this.maxRetryAfterMs / 1000)} s allowed)`, response.status);
        }
        wait = asked ?? backoffDelayMs(retry, this.backoff, this.rng);
      } catch (err) {
        attempt.done();
        if (err instanceof ModelServerError) throw err;
        const translated = attempt.translate(err);
        if (signal?.aborted || retry >= this.maxRetries) throw translated;
        wait = backoffDelayMs(retry, this.backoff, this.rng);
      }
      await sleep(wait, signal);
    }
  }
}

function describeStatus(status: number, url: string, detail: string): string {
  const why =
    status === 401 || status === 403 ? 'the API key was rejected'
    : status === 404 ? 'the endpoint or model was not found'
    : status === 429 ? 'rate limited'
    : status >= 500 ? 'server error'
    : 'the request was rejected';
  return `Model server ${url} answered HTTP ${status} (${why})${detail ? `: ${detail}` : ''}`;
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}

/** One HTTP attempt: its abort signal (caller's signal or our timeout) and the timer behind it. */
class Attempt {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort = () => this.controller.abort(this.caller?.reason);
  readonly signal = this.controller.signal;

  constructor(
    private readonly timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
    private readonly url: string,
  ) {
    if (caller?.aborted) this.controller.abort(caller.reason);
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new TimeoutError()), this.timeoutMs);
  }

  /** Restarts the timer on every chunk, so a long stream lives as long as it keeps talking. */
  async *idleGuard(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      this.arm();
      yield chunk;
    }
  }

  done(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Turns timeouts and network failures into a ModelServerError naming the server; caller aborts pass through. */
  translate(err: unknown): unknown {
    if (err instanceof ModelServerError || err instanceof ModelOutputError) return err;
    if (this.caller?.aborted) return this.caller.reason ?? err;
    if (this.signal.reason instanceof TimeoutError) {
      return new ModelServerError(`Model server ${this.url} did not answer within ${this.timeoutMs} ms (timeout)`);
    }
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    return new ModelServerError(`Cannot reach model server ${this.url}: ${cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err)}`);
  }
}
