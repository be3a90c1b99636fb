// `salesbloom calls analyze|behaviour`: a transcript file needs no database; stored calls use
// the same service as the API.
import { cliLocale, render } from '../../core/i18n.ts';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { analyzeConversation } from '../../ml/conversation/analyze.ts';
import { parseTranscriptText } from '../../ml/conversation/transcript-text.ts';
import { emailThreadToTurns, type Turn } from '../../ml/conversation/transcript.ts';
import { Repository } from '../crm/repository.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { behaviourReport } from './behaviour.ts';
import { analyzeActivity, analyzeAll, metricsOf } from './service.ts';

/** A transcript file: "Speaker: text" lines, or JSON turns [{speaker, role, text}] / {messages: [{from, role, body}]}. */
function readTranscript(file: string, repSpeakers?: string[]): Turn[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${file}`, [{ file, reason: (err as Error).message }]);
  }
  if (/\.json$/i.test(file)) {
    let data: any;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InputError(`${file} is not JSON`, [{ file, reason: (err as Error).message }]);
    }
    if (Array.isArray(data)) return data;
    if (Array.isArray(data?.messages)) return emailThreadToTurns(data.messages);
    throw new InputError(`${file}: expected a list of turns or {"messages": [...]}`, [{ file, reason: 'unknown JSON shape' }]);
  }
  return parseTranscriptText(text, { repSpeakers, file });
}

function printCall(view: { metrics: any; summary: any[]; action_items: any[]; trackers: any[] }): void {
  const m = view.metrics;
  const lines = [
    `talk ratio (rep share, by ${m.talk_basis}): ${(m.talk_ratio * 100).toFixed(0)}%`,
    `longest rep monologue: ${m.longest_monologue.length} ${m.longest_monologue.basis}`,
    `questions: ${m.questions.total} (${m.questions.open} open, ${m.questions.closed} closed)`,
    `interruptions: by rep ${m.interruptions.by_rep}, by customer ${m.interruptions.by_customer}`,
    `sentiment: overall ${m.sentiment.overall.toFixed(2)}, customer ${m.sentiment.customer.toFixed(2)} (trend ${m.sentiment.customer_trend >= 0 ? '+' : ''}${m.sentiment.customer_trend.toFixed(2)})`,
    `trackers: ${Object.entries(m.trackers).filter(([, n]) => (n as number) > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
    'summary:', ...view.summary.map((s) => `  - ${s.speaker}: ${s.text}`),
    'action items:', ...(view.action_items.length ? view.action_items.map((a) => `  - ${a.speaker}: ${a.sentence}${a.due ? ` (due: ${a.due})` : ''}${a.task_id ? ' [task]' : ''}`) : ['  (none)']),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerCallsCommands(program: Command): void {
  const calls = program.command('calls').description('Conversation intelligence for calls and email threads');

  withDataOptions(
    calls.command('analyze').description('Analyse a transcript file (no database needed), one stored call, or all of them')
      .option('--file <path>', 'transcript: "Speaker: text" lines ("[mm:ss] Speaker: text" for timing) or JSON turns')
      .option('--rep <names>', 'with --file: comma-separated rep speaker names (default: the first speaker)')
      .option('--activity <id>', 'a stored call or email activity')
      .option('--all', 'every call with a transcript and email not analysed yet')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const chosen = [opts.file, opts.activity, opts.all].filter(Boolean).length;
    if (chosen !== 1) throw new InputError('give exactly one of --file, --activity, --all', [{ column: '--file', reason: 'choose one source' }]);
    if (opts.file) {
      const turns = readTranscript(opts.file, opts.rep?.split(',').map((s: string) => s.trim()).filter(Boolean));
      const a = analyzeConversation(turns, { file: opts.file });
      const view = {
        metrics: metricsOf(a),
        trackers: a.trackers.hits,
        summary: a.summary,
        action_items: a.actionItems.map((i) => ({ ...i, task_id: null })),
        questions: a.questions.items,
        sentiment: a.sentiment.perTurn,
      };
      if (opts.json) printJson(view);
      else printCall(view);
      return;
    }
    if (opts.all) {
      const result = await withDatabase(opts, async (db) => analyzeAll(db, new Repository(db), await cliActor(db, opts.user), { limit: 20_000 }));
      if (opts.json) printJson(result);
      else process.stdout.write(`analysed ${result.analyzed}, skipped ${result.skipped}, tasks created ${result.tasks_created}\n`);
      return;
    }
    const r = await withDatabase(opts, async (db) => analyzeActivity(db, new Repository(db), await cliActor(db, opts.user), opts.activity));
    if (opts.json) printJson({ ...r.view, tasks_created: r.tasksCreated });
    else printCall(r.view as never);
  });

  withDataOptions(
    calls.command('behaviour').description('Behaviours per rep and their relation to won deals (with confidence intervals)')
      .option('--owner <id>', 'one rep').option('--team <id>', 'one team')
      .option('--period <p>', 'week | month | quarter', 'month')
      .option('--user <email>', 'act as this user (default: the first admin)')
      .option('--json', 'print JSON'),
  ).action(async (opts) => {
    const report = await withDatabase(opts, async (db) => behaviourReport(db, await cliActor(db, opts.user), { ownerId: opts.owner, teamId: opts.team, period: opts.period }));
    if (opts.json) return printJson(report);
    const lines = ['rep                      calls  talk%  questions  monologue  cust.sentiment  won/lost'];
    for (const r of report.reps) {
      lines.push(`${String(r.owner_name ?? r.owner_id).padEnd(24)} ${String(r.calls).padStart(5)}  ${(r.talk_ratio * 100).toFixed(0).padStart(5)}  ${r.questions_per_call.toFixed(1).padStart(9)}  ${r.longest_monologue.toFixed(0).padStart(9)}  ${r.customer_sentiment.toFixed(2).padStart(14)}  ${r.won}/${r.lost}`);
    }
    const o = report.outcomes;
    lines.push('', `behaviour and winning (${o.n} closed deals): ${o.note ? render(o.note, cliLocale()) : ''}`);
    for (const e of o.effects) {
      lines.push(`  ${e.behaviour.padEnd(20)} odds ratio ${e.odds_ratio ?? '—'} [${(e.odds_ratio_ci ?? []).join(', ')}]  p=${e.p_value}  q=${e.q_value}${e.significant ? '  *' : ''}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
