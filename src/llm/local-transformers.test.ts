import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LocalTransformersProvider, missingModelFiles } from './local-transformers.ts';
import { createProvider, parseProviderConfig } from './offline.ts';
import { writeTinyDecoder, writeTinyEncoder } from './testing/tiny-models.ts';

const root = mkdtempSync(join(tmpdir(), 'salesbloom-local-models-'));
after(() => rmSync(root, { recursive: true, force: true }));
writeTinyEncoder(root, 'tiny-encoder', { hidden: 16 });
writeTinyDecoder(root, 'tiny-decoder');

const provider = new LocalTransformersProvider({ modelDir: root, chatModel: 'tiny-decoder', embeddingModel: 'tiny-encoder' });

test('embeds through the real transformers.js loading path: unit length, model width, deterministic', async () => {
  const [a, b] = await provider.embed(['price discount approval', 'hello world']);
  assert.equal(a.length, 16);
  assert.ok(Math.abs(Math.hypot(...a) - 1) < 1e-5);
  assert.notDeepEqual(Array.from(a), Array.from(b));
  const again = await new LocalTransformersProvider({ modelDir: root, chatModel: 'tiny-decoder', embeddingModel: 'tiny-encoder' }).embed(['price discount approval']);
  assert.deepEqual(Array.from(again[0]), Array.from(a));
});

test('generates and streams the same greedy text, with token usage', async () => {
  let usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  const request = { messages: [{ role: 'user' as const, content: 'what is the price' }], maxTokens: 6, onUsage: (u: typeof usage) => (usage = u) };
  const result = await provider.generate(request);
  assert.ok(result.text.length > 0);
  assert.ok(usage.promptTokens > 0 && usage.completionTokens > 0);
  let streamed = '';
  let deltas = 0;
  for await (const d of provider.stream(request)) (streamed += d), deltas++;
  assert.ok(deltas >= 1);
  assert.equal(streamed.trim(), result.text);
});

test('createProvider wires the local kind from the settings', async () => {
  const config = parseProviderConfig({ kind: 'local', modelDir: root, chatModel: 'tiny-decoder', embeddingModel: 'tiny-encoder' });
  const p = createProvider(config)!;
  assert.equal(p.kind, 'local');
  assert.equal(p.remote, false);
  assert.equal((await p.embed(['ok']))[0].length, 16);
  assert.throws(() => parseProviderConfig({ kind: 'local', chatModel: '../etc' }), (e: any) => e.issues.some((i: any) => i.column === 'chatModel'));
});

test('a model folder with a missing file fails with an error naming the file', async () => {
  writeTinyEncoder(root, 'broken');
  unlinkSync(join(root, 'broken', 'tokenizer.json'));
  assert.deepEqual(missingModelFiles(join(root, 'broken')), ['tokenizer.json']);
  const broken = new LocalTransformersProvider({ modelDir: root, chatModel: 'x', embeddingModel: 'broken' });
  await assert.rejects(broken.embed(['hello']), /missing .*broken\/tokenizer\.json/);
});
