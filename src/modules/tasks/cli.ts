// `salesbloom tasks list|add|done`: the same task service as the API, acting as a named user.
import type { Command } from 'commander';
import { cliLocale, render, type Text } from '../../core/i18n.ts';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { findUser } from '../auth/service.ts';
import { createTask } from './service.ts';
import { checkTaskRefs, getTask, listTasks, nonEmpty, notifyAssigned, parseTime, TASK_PRIORITIES, updateTask } from './tasks.ts';

interface TaskLine { id: string; title: Text | string; status: string; priority: string; owner_name: string | null; due_at: Date | null }

function printTasks(tasks: TaskLine[]): void {
  if (!tasks.length) return void process.stdout.write('no tasks\n');
  for (const t of tasks) {
    const due = t.due_at ? new Date(t.due_at).toISOString().slice(0, 10) : '—';
    process.stdout.write(`${t.id}  ${t.status.padEnd(11)} ${t.priority.padEnd(6)} due ${due}  ${t.owner_name ?? '(nobody)'}: ${render(t.title, cliLocale())}\n`);
  }
}

export function registerTaskCommands(program: Command): void {
  const tasks = program.command('tasks').description('Tasks with owners, due dates and priorities');

  withDataOptions(
    tasks.command('list').description('List tasks (mine by default)')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--view <view>', 'mine | created | all', 'mine')
      .option('--status <list>', 'comma-separated statuses, e.g. open,in_progress')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    if (!['mine', 'created', 'all'].includes(opts.view)) throw new InputError('--view must be mine, created or all', [{ column: '--view', value: opts.view, reason: 'unknown view' }]);
    const result = await withDatabase(opts, async (db) => listTasks(db, await cliActor(db, opts.user), { view: opts.view, status: opts.status?.split(',') }));
    if (opts.json) printJson(result);
    else printTasks(result.data as unknown as TaskLine[]);
  });

  withDataOptions(
    tasks.command('add').description('Create a task')
      .requiredOption('--title <text>', 'what to do')
      .option('--owner <email>', 'who does it (default: the acting user)')
      .option('--due <date>', 'due date or time, ISO 8601')
      .option('--priority <p>', TASK_PRIORITIES.join(' | '), 'normal')
      .option('--description <text>', 'details')
      .option('--opportunity <id>', 'linked opportunity id')
      .option('--account <id>', 'linked account id')
      .option('--lead <id>', 'linked lead id')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    if (!TASK_PRIORITIES.includes(opts.priority)) throw new InputError('invalid --priority', [{ column: '--priority', value: opts.priority, reason: `must be one of ${TASK_PRIORITIES.join(', ')}` }]);
    const task = await withDatabase(opts, async (db) => {
      const actor = await cliActor(db, opts.user);
      const ownerId = opts.owner ? (await findUser(db, opts.owner)).id : actor.id;
      await checkTaskRefs(db, actor, { ownerId, opportunityId: opts.opportunity, accountId: opts.account, leadId: opts.lead });
      const created = await createTask(db, actor, {
        title: nonEmpty('--title', opts.title), description: opts.description, ownerId, priority: opts.priority,
        dueAt: opts.due ? parseTime('--due', opts.due) : null, opportunityId: opts.opportunity, accountId: opts.account, leadId: opts.lead,
      });
      if (ownerId !== actor.id) await notifyAssigned(db, actor, created, ownerId);
      return getTask(db, actor, created.id);
    });
    if (opts.json) printJson(task);
    else printTasks([task as unknown as TaskLine]);
  });

  withDataOptions(
    tasks.command('done').description('Mark a task done')
      .argument('<id>', 'task id')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (id: string, opts) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new InputError('invalid task id', [{ column: 'id', value: id, reason: 'not a uuid' }]);
    const task = await withDatabase(opts, async (db) => updateTask(db, await cliActor(db, opts.user), id, { status: 'done' }));
    if (opts.json) printJson(task);
    else printTasks([task as unknown as TaskLine]);
  });
}
