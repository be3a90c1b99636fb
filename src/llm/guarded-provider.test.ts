import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeOpenAIServer } from './fake-openai-server.ts';
import { GuardedProvider, type CallRecord } from './guarded-provider.ts';
import { OpenAICompatibleProvider } from './openai-compatible.ts';
import { RemoteDisabledError } from './errors.ts';
import { createGuardedProvider, createProvider, parseProviderConfig } from './offline.ts';
import { InputError } from '../core/errors.ts';

const server = new FakeOpenAIServer();
before(() => server.start());
after(() => server.close());

const contacts = ['Margaret Thornton', 'Raj Patel', '李娜', '欧阳明'];
const accounts = ['Globex Corporation', '深圳云帆科技有限公司'];

/** A CRM note as a rep would paste it, with every kind of personal data. */
const crmNote = [
  'Call notes: spoke with Margaret Thornton (margaret.thornton@globex.com, +44 20 7946 0958) at Globex Corporation.',
  'Raj Patel joined from (415) 555-0132; he asked us to invoice 1200 Harbor Boulevard, Suite 400, Oakland, CA 94607.',
  'Deposit paid by card 4111-1111-1111-1111; refunds to IBAN GB82 WEST 1234 5698 7654 32.',
  '李娜（手机 13812345678，+86 139 8765 4321）在深圳云帆科技负责采购，地址是广东省深圳市南山区科技园路1号。欧阳明下周安排演示。',
  'Order number 2024-000123 for 250 seats at $45,000 closes on 2024-09-30.',
].join('\n');
const secrets = [
  'Margaret', 'Thornton', 'margaret.thornton@globex.com', '7946 0958', 'Globex', 'Raj', 'Patel', '555-0132',
  '1200 Harbor Boulevard', '4111-1111-1111-1111', '4111', 'GB82', 'WEST 1234', '李娜', '13812345678', '139 8765 4321',
  '深圳云帆', '科技园路', '欧阳明',
];

const remoteClient = () =>
  new OpenAICompatibleProvider({ baseUrl: server.baseUrl, chatModel: 'fake-chat', embeddingModel: 'fake-embed', remote: true, maxRetries: 0, timeoutMs: 2000 });

test('CRM text full of PII reaches the remote server only in redacted form, and the answer comes back restored', async () => {
  const records: CallRecord[] = [];
  const guarded = new GuardedProvider(remoteClient(), {
    allowRemote: true,
    knownNames: () => contacts,
    knownOrganizations: async () => accounts,
    onCall: (r) => void records.push(r),
  });
  const first = server.requests.length;
  const answer = await guarded.generate({
    purpose: 'call-summary',
    messages: [
      { role: 'system', content: 'You summarise calls for Margaret Thornton\'s account team.' },
      { role: 'user', content: crmNote },
    ],
  });
  const streamed: string[] = [];
  for await (const d of guarded.stream({ purpose: 'call-summary', messages: [{ role: 'user', content: crmNote }] })) streamed.push(d);
  await guarded.embed(crmNote.split('\n'), { purpose: 'search-index' });

  const sent = server.requests.slice(first).map((r) => r.raw).join('\n');
  assert.equal(server.requests.length - first, 3);
  for (const secret of secrets) assert.ok(!sent.includes(secret) && !sent.includes(JSON.stringify(secret).slice(1, -1)), `"${secret}" reached the server`);
  assert.match(sent, /\[PERSON_1\]/);
  assert.match(sent, /Order number 2024-000123 for 250 seats at \$45,000 closes on 2024-09-30/, 'business facts survive');

  // The echo server repeats the redacted prompt; restoration must give the user the real text.
  assert.equal(answer.text, `You said: ${crmNote}`);
  assert.equal(streamed.join(''), `You said: ${crmNote}`);

  assert.deepEqual(records.map((r) => [r.operation, r.purpose, r.ok]), [
    ['generate', 'call-summary', true],
    ['stream', 'call-summary', true],
    ['embed', 'search-index', true],
  ]);
  for (const r of records) {
    for (const secret of secrets) assert.ok(!r.sentText.includes(secret), `audit text holds "${secret}"`);
    assert.ok(r.tokens.totalTokens > 0 && r.ms >= 0);
    assert.ok(r.redactions.PERSON >= 4 && r.redactions.EMAIL === 1 && r.redactions.CARD === 1 && r.redactions.IBAN === 1);
  }
  assert.equal(records[0].provider, 'openai');
  assert.equal(records[0].model, 'fake-chat');
});

test('the same person gets the same placeholder in the system and user messages', async () => {
  const guarded = new GuardedProvider(remoteClient(), { allowRemote: true, knownNames: contacts });
  await guarded.generate({ messages: [{ role: 'system', content: 'Account owner: Raj Patel' }, { role: 'user', content: 'Draft a note from raj patel.' }] });
  const messages = server.requests.at(-1)!.body.messages;
  assert.equal(messages[0].content, 'Account owner: [PERSON_1]');
  assert.equal(messages[1].content, 'Draft a note from [PERSON_1].');
});

test('JSON answers are restored field by field', async () => {
  const guarded = new GuardedProvider(remoteClient(), { allowRemote: true, knownNames: contacts });
  server.responder = (body) => JSON.stringify({ contact: body.messages[0].content.match(/\[PERSON_\d+\]/)[0], email: '[EMAIL_1]' });
  try {
    const result = await guarded.generate({
      messages: [{ role: 'user', content: 'Extract the contact: Margaret Thornton, margaret.thornton@globex.com' }],
      jsonSchema: { name: 'contact', schema: { type: 'object', properties: { contact: { type: 'string' }, email: { type: 'string' } }, required: ['contact', 'email'] } },
    });
    assert.deepEqual(result.json, { contact: 'Margaret Thornton', email: 'margaret.thornton@globex.com' });
  } finally {
    server.responder = (await import('./fake-openai-server.ts')).echoResponder;
  }
});

test('allowRemote: false blocks every remote call before anything is sent, and the switch is read per call', async () => {
  let allowed = false;
  const guarded = new GuardedProvider(remoteClient(), { allowRemote: () => allowed });
  const first = server.requests.length;
  await assert.rejects(guarded.generate({ messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => err instanceof RemoteDisabledError && err.status === 403 && /allowRemote: false/.test(err.message));
  await assert.rejects(guarded.embed(['hi']), RemoteDisabledError);
  await assert.rejects(async () => {
    for await (const _ of guarded.stream({ messages: [{ role: 'user', content: 'hi' }] })) void _;
  }, RemoteDisabledError);
  assert.equal(server.requests.length, first, 'nothing reached the server');
  allowed = true;
  assert.equal((await guarded.generate({ messages: [{ role: 'user', content: 'hi' }] })).text, 'You said: hi');
});

test('failed calls are audited with the error, and a failing audit hook does not break the call', async () => {
  const records: CallRecord[] = [];
  const hookErrors: unknown[] = [];
  const guarded = new GuardedProvider(remoteClient(), { allowRemote: true, onCall: (r) => void records.push(r) });
  server.enqueue({ status: 500 });
  await assert.rejects(guarded.generate({ messages: [{ role: 'user', content: 'x' }] }), /HTTP 500/);
  assert.equal(records[0].ok, false);
  assert.match(records[0].error!, /HTTP 500/);
  const noisy = new GuardedProvider(remoteClient(), { allowRemote: true, onCall: () => { throw new Error('db down'); }, onHookError: (e) => hookErrors.push(e) });
  assert.equal((await noisy.generate({ messages: [{ role: 'user', content: 'y' }] })).text, 'You said: y');
  assert.equal(hookErrors.length, 1);
});

test('a provider on this machine gets the text as is and is not blocked by allowRemote: false', async () => {
  const local = new OpenAICompatibleProvider({ baseUrl: server.baseUrl, chatModel: 'fake-chat', embeddingModel: 'fake-embed', maxRetries: 0 });
  assert.equal(local.remote, false, 'loopback server');
  const records: CallRecord[] = [];
  const guarded = new GuardedProvider(local, { allowRemote: false, knownNames: contacts, onCall: (r) => void records.push(r) });
  const answer = await guarded.generate({ messages: [{ role: 'user', content: 'Call Raj Patel on (415) 555-0132.' }] });
  assert.equal(server.requests.at(-1)!.body.messages[0].content, 'Call Raj Patel on (415) 555-0132.');
  assert.equal(answer.text, 'You said: Call Raj Patel on (415) 555-0132.');
  assert.equal(records.length, 1, 'still audited');
});

test('createProvider: offline gives null, openai a client, bad settings an InputError naming each one', () => {
  assert.equal(createProvider(parseProviderConfig({})), null);
  const provider = createProvider(parseProviderConfig({ kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk', chatModel: 'gpt-4o-mini', embeddingModel: 'text-embedding-3-small' }));
  assert.ok(provider instanceof OpenAICompatibleProvider);
  assert.equal(provider.remote, true);
  const guarded = createGuardedProvider(parseProviderConfig({ kind: 'openai', baseUrl: 'https://api.openai.com/v1' }), {});
  assert.ok(guarded instanceof GuardedProvider);
  const local = createProvider(parseProviderConfig({ kind: 'local' }))!; // loads nothing until first use
  assert.equal(local.kind, 'local');
  assert.equal(local.remote, false);
  assert.throws(
    () => parseProviderConfig({ kind: 'openai', baseUrl: 'not a url', maxRetries: -1, allowRemote: 'yes', prices: { m: { inputPer1k: 'x' } } }),
    (err: unknown) => err instanceof InputError && err.issues.map((i) => i.column).join() === 'baseUrl,allowRemote,maxRetries,prices.m',
  );
});
