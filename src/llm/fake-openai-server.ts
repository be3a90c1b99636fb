// Test support only: a real HTTP server on 127.0.0.1 that speaks the OpenAI protocol closely
// enough for the client's tests (chat completions plain and SSE-streamed, embeddings, scripted
// failures), and records every request body so tests can check what left the "machine".
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  /** The raw body text, for "does this string appear anywhere" assertions. */
  raw: string;
}

/** One scripted reaction, consumed by the next request (any endpoint). */
export interface ScriptedReply {
  /** HTTP status to fail with (e.g. 429, 500); omit for a normal answer. */
  status?: number;
  /** Sent as the Retry-After header (seconds). */
  retryAfter?: number;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** Chat answer text instead of the default responder's. */
  text?: string;
}

export type ChatResponder = (body: any) => string;

const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

/** The default answer: echoes the last user message, so tests can check placeholders round-trip. */
export const echoResponder: ChatResponder = (body) => {
  const last = [...(body.messages ?? [])].reverse().find((m: any) => m.role === 'user');
  return `You said: ${last?.content ?? ''}`;
};

/** A deterministic 8-dimensional vector per text (character-code buckets), unit length. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(8).fill(0);
  for (let i = 0; i < text.length; i++) v[text.charCodeAt(i) % 8] += 1;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private server: Server | undefined;
  responder: ChatResponder = echoResponder;
  baseUrl = '';

  /** Queues reactions for the next requests, in order. */
  enqueue(...replies: ScriptedReply[]): void {
    this.script.push(...replies);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Every recorded request body as one string. */
  allSentText(): string {
    return this.requests.map((r) => r.raw).join('\n');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return json(res, 400, { error: { message: 'body is not JSON' } });
    }
    const path = (req.url ?? '').split('?')[0];
    this.requests.push({ method: req.method ?? '', path, headers: req.headers, body, raw });
    const step = this.script.shift() ?? {};
    if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    if (res.destroyed) return;
    if (step.status) {
      if (step.retryAfter !== undefined) res.setHeader('retry-after', String(step.retryAfter));
      return json(res, step.status, { error: { message: `scripted ${step.status}` } });
    }
    if (path === '/v1/chat/completions') return this.chat(res, body, step);
    if (path === '/v1/embeddings') return this.embeddings(res, body);
    json(res, 404, { error: { message: `no route ${path}` } });
  }

  private chat(res: ServerResponse, body: any, step: ScriptedReply): void {
    const text = step.text ?? this.responder(body);
    const promptTokens = (body.messages ?? []).reduce((n: number, m: any) => n + wordCount(String(m.content ?? '')), 0);
    const usage = { prompt_tokens: promptTokens, completion_tokens: wordCount(text), total_tokens: promptTokens + wordCount(text) };
    if (!body.stream) {
      return json(res, 200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] });
    // Small, uneven pieces so that clients must reassemble words and placeholders split across chunks.
    for (let i = 0; i < text.length; ) {
      const size = 1 + (i % 4);
      send({ choices: [{ index: 0, delta: { content: text.slice(i, i + size) } }] });
      i += size;
    }
    send({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    if (body.stream_options?.include_usage) send({ choices: [], usage });
    res.end('data: [DONE]\n\n');
  }

  private embeddings(res: ServerResponse, body: any): void {
    const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input];
    const tokens = inputs.reduce((n, s) => n + wordCount(String(s)), 0);
    json(res, 200, {
      object: 'list',
      model: body.model,
      data: inputs.map((s, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(String(s)) })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
