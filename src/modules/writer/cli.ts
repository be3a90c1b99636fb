// `salesbloom write email|copy`: the same drafting, fact check and saved drafts as the API.
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { Repository } from '../crm/repository.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { LANGUAGES, TONES } from '../../ml/writing/compose.ts';
import { CHANNELS, EMAIL_KINDS, generateCopy, generateEmail, LENGTH_NAMES, sendDraft, type GenerationResult } from './service.ts';
import { DELIVERY_KINDS, deliveryView, loadDelivery, SMTP_SECURITY, updateDelivery, type DeliveryView } from './delivery.ts';

function integer(flag: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new InputError(`${flag} must be a whole number`, [{ column: flag, value, reason: 'must be a whole number' }]);
    return Number(value);
  };
}

/** Checked before the database is opened: a typo should not cost a database start-up. */
function checkControls(opts: Record<string, string | undefined>): void {
  const allowed: [string, string | undefined, readonly string[]][] = [
    ['--tone', opts.tone, TONES], ['--length', opts.length, LENGTH_NAMES], ['--language', opts.language, LANGUAGES],
  ];
  if (opts.kind !== undefined) allowed.push(['--kind', opts.kind, EMAIL_KINDS]);
  if (opts.channel !== undefined) allowed.push(['--channel', opts.channel, CHANNELS]);
  for (const [flag, value, options] of allowed) {
    if (value !== undefined && !options.includes(value)) throw new InputError(`${flag} must be one of ${options.join(', ')}`, [{ column: flag, value, reason: `must be one of ${options.join(', ')}` }]);
  }
}

function printResult(r: GenerationResult): void {
  const lines = [`provider: ${r.provider}${r.warning ? ` (${r.warning})` : ''}`];
  for (const d of r.drafts) {
    const problems = [
      ...d.checks.invented.map((i) => `invented ${i.kind}: ${i.text}`),
      ...d.checks.spam.map((s) => `spam: ${s.text}`),
      ...d.checks.length.problems.map((p) => `length: ${p}`),
    ];
    lines.push('', `── variant ${d.variant} · draft ${d.id} · ${d.checks.ok ? 'checks passed' : `${problems.length} problem(s)`}`, `Subject: ${d.subject}`, '', d.body);
    for (const p of problems) lines.push(`  ! ${p}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

const controls = (c: Command) =>
  c
    .option('--tone <tone>', 'formal | friendly | direct', 'friendly')
    .option('--length <length>', 'short | medium | long', 'medium')
    .option('--language <lang>', 'en | zh (default: the recipient\'s language, else en)')
    .option('--cta <text>', 'call to action, e.g. "book a 20-minute call next week"')
    .option('--variants <n>', 'number of variants (1-5)', integer('--variants'), 1)
    .option('--seed <n>', 'wording variation seed', integer('--seed'), 1)
    .option('--user <email>', 'act as this user (default: the first admin)')
    .option('--json', 'print JSON');

export function registerWriterCommands(program: Command): void {
  const write = program.command('write').description('Fact-checked sales emails and marketing copy (saved as activity drafts)');

  withDataOptions(controls(
    write.command('email').description('Draft emails for one lead, contact, account or opportunity')
      .option('--lead <id>').option('--contact <id>').option('--account <id>').option('--opportunity <id>')
      .option('--kind <kind>', 'follow_up | outreach | proposal | re_engagement', 'follow_up')
      .option('--template <id>', 'use a saved template'),
  )).action(async (opts) => {
    checkControls(opts);
    const result = await withDatabase(opts, async (db) => generateEmail(db, new Repository(db), await cliActor(db, opts.user), {
      lead_id: opts.lead, contact_id: opts.contact, account_id: opts.account, opportunity_id: opts.opportunity, template_id: opts.template,
      kind: opts.kind, tone: opts.tone, length: opts.length, language: opts.language, call_to_action: opts.cta, variants: opts.variants, seed: opts.seed,
    }));
    if (opts.json) printJson(result);
    else printResult(result);
  });

  withDataOptions(controls(
    write.command('copy').description('Draft marketing copy for an industry or segment')
      .option('--industry <name>').option('--segment <name>')
      .option('--product <id...>', 'product ids (default: what the industry buys most)')
      .option('--channel <channel>', 'email | linkedin | landing_page | sms', 'email'),
  )).action(async (opts) => {
    checkControls(opts);
    const result = await withDatabase(opts, async (db) => generateCopy(db, new Repository(db), await cliActor(db, opts.user), {
      industry: opts.industry, segment: opts.segment, product_ids: opts.product, channel: opts.channel,
      tone: opts.tone, length: opts.length, language: opts.language, call_to_action: opts.cta, variants: opts.variants, seed: opts.seed,
    }));
    if (opts.json) printJson(result);
    else printResult(result);
  });

  const delivery = write.command('delivery').description('How drafts are sent: SMTP or a webhook (settings key email_delivery)');
  const showDelivery = (d: DeliveryView | null) => {
    if (!d) return process.stdout.write('no delivery configured\n');
    const lines = d.kind === 'smtp'
      ? [`kind: smtp`, `host: ${d.host}:${d.port} (${d.security})`, `user: ${d.user ?? '(none)'}`, `password: ${d.password_set ? 'set' : 'not set'}`, `from: ${d.from}`,
        ...(d.tls_reject_unauthorized === false ? ['certificate check: off (self-signed accepted)'] : [])]
      : [`kind: webhook`, `url: ${d.url}`];
    process.stdout.write(`${lines.join('\n')}\n`);
  };
  withDataOptions(delivery.command('show').description('Show the delivery settings (the password is never shown)').option('--json', 'print JSON')).action(async (opts) => {
    const d = await withDatabase(opts, async (db) => deliveryView(await loadDelivery(db)));
    if (opts.json) printJson({ delivery: d });
    else showDelivery(d);
  });
  withDataOptions(
    delivery.command('set').description('Set delivery; options left out keep their stored value')
      .option('--kind <kind>', DELIVERY_KINDS.join(' | '))
      .option('--url <url>', 'webhook: the URL drafts are POSTed to')
      .option('--host <host>', 'SMTP server host')
      .option('--port <n>', 'SMTP port (default by --security: 587, 465 or 25)', integer('--port'))
      .option('--security <mode>', `${SMTP_SECURITY.join(' | ')}: STARTTLS required, implicit TLS, or plain (local relays only)`)
      .option('--user <name>', 'SMTP login user')
      .option('--password-env <VAR>', 'read the SMTP password from this environment variable (kept out of the shell history)')
      .option('--password <password>', 'the SMTP password (prefer --password-env); "" clears it')
      .option('--from <address>', 'sender, e.g. "Sales <sales@example.com>"')
      .option('--insecure-tls', 'accept a self-signed server certificate')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    if (opts.kind !== undefined && !DELIVERY_KINDS.includes(opts.kind)) throw new InputError(`--kind must be one of ${DELIVERY_KINDS.join(', ')}`, [{ column: '--kind', value: opts.kind, reason: `must be one of ${DELIVERY_KINDS.join(', ')}` }]);
    if (opts.security !== undefined && !SMTP_SECURITY.includes(opts.security)) throw new InputError(`--security must be one of ${SMTP_SECURITY.join(', ')}`, [{ column: '--security', value: opts.security, reason: `must be one of ${SMTP_SECURITY.join(', ')}` }]);
    let password: string | undefined = opts.password;
    if (opts.passwordEnv) {
      password = process.env[opts.passwordEnv];
      if (password === undefined) throw new InputError(`environment variable ${opts.passwordEnv} is not set`, [{ column: '--password-env', value: opts.passwordEnv, reason: 'is not set' }]);
    }
    const patch: Record<string, unknown> = { kind: opts.kind, url: opts.url, host: opts.host, port: opts.port, security: opts.security, user: opts.user, password, from: opts.from, ...(opts.insecureTls ? { tls_reject_unauthorized: false } : {}) };
    for (const k of Object.keys(patch)) if (patch[k] === undefined) delete patch[k];
    const d = await withDatabase(opts, async (db) => {
      const stored = await loadDelivery(db);
      if (!stored && patch.kind === undefined) patch.kind = patch.url && !patch.host ? 'webhook' : 'smtp';
      return updateDelivery(db, await cliActor(db, undefined), patch);
    });
    if (opts.json) printJson({ delivery: d });
    else showDelivery(d);
  });

  withDataOptions(
    write.command('send').description('Send a draft through the configured delivery (SMTP or webhook)').argument('<draft-id>')
      .option('--user <email>', 'act as this user (default: the first admin)').option('--json', 'print JSON'),
  ).action(async (id: string, opts) => {
    const sent = await withDatabase(opts, async (db) => sendDraft(db, new Repository(db), await cliActor(db, opts.user), id));
    if (opts.json) printJson(sent);
    else process.stdout.write(`sent draft ${sent.id} (${sent.subject}) via ${sent.delivery.kind} at ${sent.delivered_at}\n`);
  });
}
