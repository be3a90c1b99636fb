// Sending drafts by SMTP against a real SMTP server on 127.0.0.1 (smtp-server speaks the
// protocol: EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA): settings with a secret password,
// recipient, subject and UTF-8 body as received, authentication used, and a rejected recipient
// or a wrong password leaving the draft unsent with the server's reason in the problem.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { runCli } from '../../cli/testing.ts';
import { createUser } from '../auth/service.ts';
import { cliDatabase } from '../providers/cli-testing.ts';
import { seedWriterWorld, type WriterWorld } from './test-fixture.ts';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  secure: boolean;
  raw: string;
}

/** A local SMTP server: user "mailer" / "s3cret pass", rejects *@reject.example. */
async function startSmtp(options: { starttls: boolean }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: !options.starttls,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 's3cret pass') cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.endsWith('@reject.example')) cb(Object.assign(new Error(`Mailbox <${address.address}> unavailable: no such user here`), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Minimal MIME reading for the assertions: unfolded headers, RFC 2047 words, QP/base64 bodies. */
function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const words = (v: string) => v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
  let body = raw.slice(split + 4);
  const cte = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') body = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return { subject: words(headers.get('subject') ?? ''), to: words(headers.get('to') ?? ''), from: words(headers.get('from') ?? ''), contentType: headers.get('content-type') ?? '', body: body.replace(/\r\n/g, '\n').trim(), headers };
}

describe('drafts sent by SMTP', () => {
  let s: TestServer;
  let w: WriterWorld;
  let plain: Awaited<ReturnType<typeof startSmtp>>;
  let tls: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    [s, plain, tls] = await Promise.all([startTestServer(), startSmtp({ starttls: false }), startSmtp({ starttls: true })]);
    w = await seedWriterWorld(s);
  });
  after(async () => {
    await Promise.all([s.close(), plain.close(), tls.close()]);
  });

  const rep = () => s.users.repA1;
  const draftFor = async (target: Record<string, string>) => {
    const r = await s.call(rep(), 'POST', '/api/v1/writer/email', { kind: 'follow_up', ...target });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.drafts[0] as { id: string; subject: string; body: string };
  };
  const setDelivery = (body: Record<string, unknown>) => s.call(s.users.admin, 'PUT', '/api/v1/writer/delivery', body);

  test('settings: admins only, validated, the password is stored but never returned', async () => {
    assert.equal((await s.call(rep(), 'GET', '/api/v1/writer/delivery')).status, 403);
    assert.equal((await s.call(rep(), 'PUT', '/api/v1/writer/delivery', { kind: 'smtp' })).status, 403);
    const bad = await setDelivery({ kind: 'smtp', host: '127.0.0.1', from: 'not an address' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field), ['from']);
    const set = await setDelivery({ kind: 'smtp', host: '127.0.0.1', port: plain.port, security: 'none', user: 'mailer', password: 's3cret pass', from: 'Ana Rep <ana@sales.example>' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.delivery.password_set, true);
    const shown = await s.call(s.users.admin, 'GET', '/api/v1/writer/delivery');
    assert.deepEqual(shown.body.delivery, { kind: 'smtp', host: '127.0.0.1', port: plain.port, security: 'none', user: 'mailer', from: 'Ana Rep <ana@sales.example>', password_set: true });
    assert.doesNotMatch(JSON.stringify(shown.body) + JSON.stringify(set.body), /s3cret/);
    const audit = await s.db.query(`SELECT before, after FROM audit_log WHERE entity = 'settings' AND entity_id = 'email_delivery'`);
    assert.ok(audit.rows.length > 0, 'the change is audited');
    assert.doesNotMatch(JSON.stringify(audit.rows), /s3cret/);
    // A partial update keeps the stored password.
    const renamed = await setDelivery({ from: 'sales@sales.example' });
    assert.equal(renamed.body.delivery.password_set, true);
    assert.equal(renamed.body.delivery.from, 'sales@sales.example');
  });

  test('a draft arrives with the right recipient, subject and body, authenticated, and becomes a sent email activity', async () => {
    const draft = await draftFor({ contact_id: w.contactId });
    const sent = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${draft.id}/send`);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.status, 'done');
    assert.equal(sent.body.delivery.kind, 'smtp');
    assert.deepEqual(sent.body.delivery.accepted, ['lina.weber@acme-tools.example']);
    assert.ok(sent.body.delivered_at);
    const got = plain.received.at(-1)!;
    assert.equal(got.user, 'mailer', 'authenticated as the configured user');
    assert.deepEqual(got.to, ['lina.weber@acme-tools.example']);
    assert.equal(got.from, 'sales@sales.example');
    const mail = parseMessage(got.raw);
    assert.equal(mail.subject, draft.subject);
    assert.equal(mail.body, draft.body.trim());
    assert.match(mail.to, /Lina Weber.*<lina\.weber@acme-tools\.example>/);
    assert.equal(mail.headers.get('x-salesbloom-activity'), draft.id);
    const activity = await s.call(rep(), 'GET', `/api/v1/activities/${draft.id}`);
    assert.equal(activity.body.status, 'done');
    assert.equal(activity.body.type, 'email');
    assert.equal(activity.body.direction, 'outbound');
    assert.equal(activity.body.attributes.draft, false);
    assert.equal(activity.body.attributes.delivery.kind, 'smtp');
    assert.equal((await s.call(rep(), 'POST', `/api/v1/writer/drafts/${draft.id}/send`)).status, 409, 'sent once');
  });

  test('Chinese drafts arrive intact as UTF-8, over STARTTLS', async () => {
    assert.equal((await setDelivery({ port: tls.port, security: 'starttls', tls_reject_unauthorized: false })).status, 200);
    const draft = await draftFor({ lead_id: w.leadId });
    assert.match(draft.body, /王芳/);
    const sent = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${draft.id}/send`);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const got = tls.received.at(-1)!;
    assert.equal(got.secure, true, 'the session was upgraded with STARTTLS');
    assert.equal(got.user, 'mailer');
    assert.deepEqual(got.to, ['wang.fang@example.cn']);
    const mail = parseMessage(got.raw);
    assert.match(mail.contentType, /charset=utf-8/i);
    assert.equal(mail.subject, draft.subject);
    assert.equal(mail.body, draft.body.trim());
    assert.match(mail.to, /王芳/);
    // Verifying the self-signed certificate (the default) refuses the server.
    assert.equal((await setDelivery({ tls_reject_unauthorized: true })).status, 200);
    const another = await draftFor({ lead_id: w.leadId });
    const refused = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${another.id}/send`);
    assert.equal(refused.status, 503);
    assert.equal((await s.call(rep(), 'GET', `/api/v1/activities/${another.id}`)).body.status, 'draft');
    assert.equal((await setDelivery({ port: plain.port, security: 'none' })).status, 200);
  });

  test('a rejected recipient or a wrong password gives a problem with the server\'s reason and leaves the draft unsent', async () => {
    const lead = await s.db.query<{ id: string }>(`INSERT INTO leads (name, email, company, owner_id) VALUES ('No Body', 'nobody@reject.example', 'Ghost Ltd', $1) RETURNING id`, [rep().id]);
    const draft = await draftFor({ lead_id: String(lead.rows[0].id) });
    const before = plain.received.length;
    const res = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${draft.id}/send`);
    assert.equal(res.status, 503);
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(res.body.type, 'https://salesbloom.dev/problems/delivery-failed');
    assert.match(res.body.detail, /550/);
    assert.match(res.body.detail, /nobody@reject\.example> unavailable: no such user here/);
    assert.equal(plain.received.length, before, 'nothing was delivered');
    const still = await s.call(rep(), 'GET', `/api/v1/activities/${draft.id}`);
    assert.equal(still.body.status, 'draft');
    assert.equal(still.body.attributes.draft, true);

    assert.equal((await setDelivery({ password: 'wrong' })).status, 200);
    const good = await draftFor({ contact_id: w.contactId });
    const denied = await s.call(rep(), 'POST', `/api/v1/writer/drafts/${good.id}/send`);
    assert.equal(denied.status, 503);
    assert.match(denied.body.detail, /refused the login.*535/);
    assert.equal((await s.call(rep(), 'GET', `/api/v1/activities/${good.id}`)).body.status, 'draft');
  });
});

test('CLI: write delivery set/show and write send, with --json', { timeout: 120_000 }, async () => {
  const smtp = await startSmtp({ starttls: false });
  const target = await cliDatabase();
  try {
    const draftId = await target.use(async (db) => {
      const admin = await createUser(db, { name: 'Ada Admin', email: 'admin@cli.local', role: 'admin', teamId: null, password: 'password123' });
      const contact = await db.query<{ id: string }>(`INSERT INTO contacts (name, email, owner_id) VALUES ('李雷', 'li.lei@example.cn', $1) RETURNING id`, [admin.id]);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO activities (type, subtype, direction, status, subject, body, owner_id, contact_id, attributes)
         VALUES ('email', 'follow_up', 'outbound', 'draft', '跟进：传感器方案', $1, $2, $3, $4) RETURNING id`,
        ['李雷您好：\n\n附上传感器布局方案，请查收。', admin.id, contact.rows[0].id, JSON.stringify({ draft: true, kind: 'follow_up', checks: { ok: true }, language: 'zh' })],
      );
      return String(rows[0].id);
    });
    process.env.SB_TEST_SMTP_PASSWORD = 's3cret pass';
    const set = await runCli(['write', 'delivery', 'set', '--host', '127.0.0.1', '--port', String(smtp.port), '--security', 'none', '--user', 'mailer',
      '--password-env', 'SB_TEST_SMTP_PASSWORD', '--from', 'Sales <sales@cli.example>', '--json', ...target.args]);
    assert.equal(set.code, 0, set.err);
    assert.deepEqual(JSON.parse(set.out).delivery, { kind: 'smtp', host: '127.0.0.1', port: smtp.port, security: 'none', user: 'mailer', from: 'Sales <sales@cli.example>', password_set: true });
    const shown = await runCli(['write', 'delivery', 'show', ...target.args]);
    assert.match(shown.out, /password: set/);
    assert.doesNotMatch(shown.out + set.out, /s3cret/);
    const bad = await runCli(['write', 'delivery', 'set', '--security', 'ssl', ...target.args]);
    assert.equal(bad.code, 3);

    const sent = await runCli(['write', 'send', draftId, '--json', ...target.args]);
    assert.equal(sent.code, 0, sent.err);
    const result = JSON.parse(sent.out);
    assert.equal(result.status, 'done');
    assert.deepEqual(result.delivery.accepted, ['li.lei@example.cn']);
    const mail = parseMessage(smtp.received[0].raw);
    assert.equal(mail.subject, '跟进：传感器方案');
    assert.equal(mail.body, '李雷您好：\n\n附上传感器布局方案，请查收。');
    assert.equal(smtp.received[0].user, 'mailer');
    const again = await runCli(['write', 'send', draftId, '--json', ...target.args]);
    assert.notEqual(again.code, 0, 'a sent draft is not sent twice');
  } finally {
    delete process.env.SB_TEST_SMTP_PASSWORD;
    await target.cleanup();
    await smtp.close();
  }
});
