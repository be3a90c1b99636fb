// `salesbloom users …` and `salesbloom tokens …`.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import type { Role } from '../crm/entities.ts';
import { createToken, createUser, findUser, listTokens, revokeToken, setPassword } from './service.ts';

const ROLES: Role[] = ['admin', 'manager', 'rep'];

export function registerAuthCommands(program: Command): void {
  const users = program.command('users').description('Manage users');

  withDataOptions(
    users
      .command('add')
      .description('Add a user (prints a generated password unless --password is given)')
      .requiredOption('--email <email>', 'login email')
      .requiredOption('--name <name>', 'display name')
      .option('--role <role>', 'admin, manager or rep', 'rep')
      .option('--password <password>', 'initial password (at least 8 characters)')
      .option('--team <team>', 'team name or id')
      .option('--json', 'print as JSON'),
  ).action(async (opts) => {
    if (!ROLES.includes(opts.role)) throw new InputError(`--role must be one of ${ROLES.join(', ')}`);
    const password: string = opts.password ?? randomBytes(12).toString('base64url');
    const user = await withDatabase(opts, (db) => db.transaction(async (tx) => {
      let teamId: string | null = null;
      if (opts.team) {
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM teams WHERE id::text = $1 OR lower(name) = lower($1) LIMIT 1', [opts.team]);
        if (!rows[0]) throw new InputError(`no team "${opts.team}"`);
        teamId = rows[0].id;
      }
      return createUser(tx, { name: opts.name, email: opts.email, role: opts.role, password, teamId });
    }));
    if (opts.json) printJson({ ...user, password: opts.password ? undefined : password });
    else process.stdout.write(`added ${user.role} ${user.name} <${user.email}>${opts.password ? '' : `\npassword: ${password}  (shown once)`}\n`);
  });

  withDataOptions(users.command('list').description('List users').option('--json', 'print as JSON')).action(async (opts) => {
    const rows = await withDatabase(opts, async (db) => (await db.query<{ name: string; email: string | null; role: string; team: string | null; active: boolean }>(
      `SELECT u.name, u.email, u.role, t.name AS team, u.active FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.role, u.name`,
    )).rows);
    if (opts.json) printJson(rows);
    else for (const r of rows) process.stdout.write(`${r.role.padEnd(8)} ${r.name} ${r.email ? `<${r.email}>` : ''}${r.team ? ` · ${r.team}` : ''}${r.active ? '' : ' (inactive)'}\n`);
  });

  withDataOptions(
    users.command('password').description('Set a user\'s password').argument('<email>').requiredOption('--password <password>'),
  ).action(async (email: string, opts) => {
    await withDatabase(opts, async (db) => setPassword(db, (await findUser(db, email)).id, opts.password));
    process.stdout.write(`password changed for ${email}\n`);
  });

  const tokens = program.command('tokens').description('Manage API tokens');
  withDataOptions(
    tokens
      .command('create')
      .description('Create an API token for a user (shown once)')
      .requiredOption('--user <email>', 'the user the token acts as')
      .option('--name <name>', 'what the token is for', 'cli')
      .option('--expires-in-days <days>', 'expiry in days')
      .option('--json', 'print as JSON'),
  ).action(async (opts) => {
    const days = opts.expiresInDays === undefined ? undefined : Number(opts.expiresInDays);
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new InputError('--expires-in-days must be a positive whole number');
    const issued = await withDatabase(opts, async (db) => createToken(db, (await findUser(db, opts.user)).id, opts.name, days));
    if (opts.json) printJson(issued);
    else process.stdout.write(`${issued.token}\n(shown once; use it as "Authorization: Bearer <token>"; id ${issued.id})\n`);
  });
  withDataOptions(tokens.command('list').description('List API tokens').option('--json', 'print as JSON')).action(async (opts) => {
    const rows = await withDatabase(opts, (db) => listTokens(db, null));
    if (opts.json) printJson(rows);
    else for (const r of rows) process.stdout.write(`${r.id} ${r.prefix}… ${r.name} ${r.user_email}${r.revoked_at ? ' (revoked)' : ''}\n`);
  });
  withDataOptions(tokens.command('revoke').description('Revoke an API token').argument('<id>')).action(async (id: string, opts) => {
    await withDatabase(opts, (db) => revokeToken(db, id));
    process.stdout.write(`revoked ${id}\n`);
  });
}
