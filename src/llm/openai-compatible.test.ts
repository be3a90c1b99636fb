import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOpenAIServer, fakeEmbedding } from './fake-openai-server.ts';
import { OpenAICompatibleProvider, isLoopbackUrl, type OpenAICompatibleOptions } from './openai-compatible.ts';
import { ModelOutputError, ModelServerError } from './errors.ts';
import { RateLimiter } from './rate-limiter.ts';
import { retryAfterMs } from './retry.ts';
import { sseData } from './sse.ts';

const server = new FakeOpenAIServer();
before(() => server.start());
after(() => server.close());

const client = (extra: Partial<OpenAICompatibleOptions> = {}) =>
  new OpenAICompatibleProvider({
    baseUrl: server.baseUrl,
    apiKey: 'sk-test',
    chatModel: 'fake-chat',
    embeddingModel: 'fake-embed',
    timeoutMs: 2000,
    maxRetries: 2,
    backoff: { baseDelayMs: 20, maxDelayMs: 100 },
    seed: 7,
    ...extra,
  });

const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

test('a completion returns the text and the usage the server reported, with the key as a bearer token', async () => {
  const before = server.requests.length;
  const result = await client().generate({ ...ask('hello there'), maxTokens: 50, temperature: 0 });
  assert.equal(result.text, 'You said: hello there');
  assert.deepEqual(result.usage, { promptTokens: 2, completionTokens: 4, totalTokens: 6 });
  const sent = server.requests[before];
  assert.equal(sent.path, '/v1/chat/completions');
  assert.equal(sent.body.model, 'fake-chat');
  assert.equal(sent.body.max_tokens, 50);
  assert.equal(sent.body.temperature, 0);
  assert.equal(sent.headers.authorization, 'Bearer sk-test');
});

test('a base URL without /v1 (Ollama style) gets it appended', async () => {
  const result = await client({ baseUrl: server.baseUrl.replace(/\/v1$/, '') }).generate(ask('ping'));
  assert.equal(result.text, 'You said: ping');
});

test('streamed deltas reassemble into the full answer and usage is accounted', async () => {
  const c = client();
  const long = 'Please summarise the renewal call with Acme, including pricing and next steps.';
  const deltas: string[] = [];
  for await (const d of c.stream(ask(long))) deltas.push(d);
  assert.ok(deltas.length > 10, 'arrived in many pieces');
  assert.equal(deltas.join(''), `You said: ${long}`);
  assert.equal(server.requests.at(-1)!.body.stream, true);
  const totals = c.usage.totals();
  assert.equal(totals.calls, 1);
  assert.ok(totals.completionTokens > 10);
});

test('embeddings come back in input order as Float32Arrays, batched', async () => {
  const c = client({ embeddingBatchSize: 2 });
  const before = server.requests.length;
  const texts = ['alpha', 'beta gamma', 'delta', '客户很满意'];
  const vectors = await c.embed(texts);
  assert.equal(server.requests.length - before, 2, 'two batches of two');
  assert.equal(vectors.length, 4);
  vectors.forEach((v, i) => {
    assert.ok(v instanceof Float32Array);
    const expected = fakeEmbedding(texts[i]);
    v.forEach((x, j) => assert.ok(Math.abs(x - expected[j]) < 1e-6));
  });
});

test('429 with Retry-After is retried after the time the server asked for', async () => {
  server.enqueue({ status: 429, retryAfter: 1 });
  const started = Date.now();
  const result = await client().generate(ask('after the limit'));
  const elapsed = Date.now() - started;
  assert.equal(result.text, 'You said: after the limit');
  assert.ok(elapsed >= 950, `waited ${elapsed} ms, the server asked for 1000`);
});

test('5xx responses are retried with backoff; when retries run out the error names the status', async () => {
  server.enqueue({ status: 503 }, { status: 500 });
  assert.equal((await client().generate(ask('eventually'))).text, 'You said: eventually');
  server.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
  await assert.rejects(client().generate(ask('never')), (err: unknown) => err instanceof ModelServerError && err.httpStatus === 500);
});

test('a 400 is not retried', async () => {
  const before = server.requests.length;
  server.enqueue({ status: 400 });
  await assert.rejects(client().generate(ask('bad')), /HTTP 400/);
  assert.equal(server.requests.length - before, 1);
});

test('a Retry-After longer than allowed fails fast instead of hanging', async () => {
  server.enqueue({ status: 429, retryAfter: 3600 });
  await assert.rejects(client({ maxRetryAfterMs: 5000 }).generate(ask('x')), /retry after 3600 s/);
});

test('a server that does not answer in time is abandoned with a timeout error', async () => {
  server.enqueue({ delayMs: 800 });
  const started = Date.now();
  await assert.rejects(client({ timeoutMs: 200, maxRetries: 0 }).generate(ask('slow')), /did not answer within 200 ms/);
  assert.ok(Date.now() - started < 700);
});

test('a timed-out attempt is retried', async () => {
  server.enqueue({ delayMs: 600 });
  assert.equal((await client({ timeoutMs: 200, maxRetries: 1 }).generate(ask('second try'))).text, 'You said: second try');
});

test('an unreachable server gives a clear error', async () => {
  const c = client({ baseUrl: 'http://127.0.0.1:9/v1', maxRetries: 1 });
  await assert.rejects(c.generate(ask('x')), /Cannot reach model server/);
});

const dealSchema = {
  type: 'object',
  properties: { stage: { type: 'string', enum: ['open', 'won', 'lost'] }, amount: { type: 'number' } },
  required: ['stage', 'amount'],
  additionalProperties: false,
};

test('JSON-schema mode sends response_format and returns the parsed, validated answer', async () => {
  server.enqueue({ text: '```json\n{"stage":"won","amount":1200}\n```' });
  const result = await client().generate({ ...ask('deal?'), jsonSchema: { name: 'deal', schema: dealSchema } });
  assert.deepEqual(result.json, { stage: 'won', amount: 1200 });
  const format = server.requests.at(-1)!.body.response_format;
  assert.equal(format.type, 'json_schema');
  assert.equal(format.json_schema.name, 'deal');
  assert.deepEqual(format.json_schema.schema, dealSchema);
});

test('an answer that fails the schema gets one repair request listing the problems', async () => {
  server.enqueue({ text: '{"stage":"maybe","amount":"lots"}' }, { text: '{"stage":"open","amount":50}' });
  const c = client();
  const result = await c.generate({ ...ask('deal?'), jsonSchema: { name: 'deal', schema: dealSchema } });
  assert.deepEqual(result.json, { stage: 'open', amount: 50 });
  const repair = server.requests.at(-1)!.body.messages;
  assert.equal(repair.length, 3);
  assert.equal(repair[1].role, 'assistant');
  assert.match(repair[2].content, /\/amount must be number/);
  assert.equal(result.usage.totalTokens, c.usage.totals().totalTokens, 'both rounds counted');
});

test('a second invalid answer is a ModelOutputError, not a silent bad value', async () => {
  server.enqueue({ text: 'Sure! The stage is won.' }, { text: 'I think it is won.' });
  await assert.rejects(
    client().generate({ ...ask('deal?'), jsonSchema: { name: 'deal', schema: dealSchema } }),
    (err: unknown) => err instanceof ModelOutputError && /after one repair attempt/.test(err.message),
  );
});

test('token and cost accounting uses the configured prices per 1k tokens and the onUsage hook', async () => {
  const c = client({ prices: { 'fake-chat': { inputPer1k: 0.5, outputPer1k: 1.5 }, 'fake-embed': { inputPer1k: 0.1, outputPer1k: 0 } } });
  const seen: number[] = [];
  await c.generate({ ...ask('one two three four'), onUsage: (u) => seen.push(u.totalTokens) }); // 4 prompt, 6 completion
  await c.embed(['five six', 'seven']); // 3 prompt tokens
  const t = c.usage.totals();
  assert.deepEqual(seen, [10]);
  assert.equal(t.calls, 2);
  assert.equal(t.promptTokens, 7);
  assert.equal(t.completionTokens, 6);
  assert.ok(Math.abs(t.byModel['fake-chat'].costUsd - (4 * 0.5 + 6 * 1.5) / 1000) < 1e-12);
  assert.ok(Math.abs(t.costUsd - (4 * 0.5 + 6 * 1.5 + 3 * 0.1) / 1000) < 1e-12);
});

test('the client-side rate limiter spaces requests beyond the per-window limit', async () => {
  const limiter = new RateLimiter(2, 300);
  const started = Date.now();
  const times: number[] = [];
  await Promise.all([0, 1, 2, 3].map(async () => (await limiter.acquire(), times.push(Date.now() - started))));
  times.sort((a, b) => a - b);
  assert.ok(times[1] < 100 && times[2] >= 280 && times[3] >= 280, JSON.stringify(times));
});

test('Retry-After parses seconds, HTTP dates and retry-after-ms', () => {
  assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' })), 2000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '150' })), 150);
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now), 5000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
  assert.equal(retryAfterMs(new Headers()), undefined);
});

test('SSE parsing copes with events split across chunks, CRLF, comments and [DONE]', async () => {
  const enc = new TextEncoder();
  async function* body() {
    for (const piece of [': keep-alive\r\n\r\ndata: {"a"', ':1}\r\n\r\nda', 'ta: two\ndata: lines\n\n', 'data: [DONE]\n\ndata: after']) yield enc.encode(piece);
  }
  const out: string[] = [];
  for await (const d of sseData(body())) out.push(d);
  assert.deepEqual(out, ['{"a":1}', 'two\nlines']);
});

test('loopback servers are local, others remote', () => {
  assert.equal(isLoopbackUrl('http://localhost:11434'), true);
  assert.equal(isLoopbackUrl('http://127.0.0.1:8000/v1'), true);
  assert.equal(isLoopbackUrl('https://api.openai.com/v1'), false);
  assert.equal(client().remote, false);
  assert.equal(new OpenAICompatibleProvider({ baseUrl: 'https://api.openai.com/v1', chatModel: 'a', embeddingModel: 'b' }).remote, true);
});
