// Registers `salesbloom eval recommend` on the eval command.
import { cliLocale, render, type Text } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import type { Command } from 'commander';
import { InputError } from '../../core/errors.ts';
import { printJson, withDataOptions, withDatabase } from '../../cli/options.ts';
import { cliActor } from '../auth/cli-actor.ts';
import { customerProfile, customerSegments, listCustomers, recomputeCustomers } from './service.ts';
import { evaluateRecommendations, type RecommendEvalReport } from './evaluate.ts';
import { loadTransactions, parseDay, type TransactionColumns } from './load.ts';

interface Options {
  transactions: string;
  splitDate: string;
  k: string;
  customerColumn?: string;
  itemColumn?: string;
  dateColumn?: string;
  invoiceColumn?: string;
  quantityColumn?: string;
  priceColumn?: string;
  json?: boolean;
}

/** Where reports and warnings go; tests pass their own sinks. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export function registerRecommendEval(evalCmd: Command, io: Output = STDIO): void {
  evalCmd
    .command('recommend')
    .description('Train item-to-item recommendations on purchases before a date; report recall@k and NDCG@k on new items bought after it, next to a most-popular baseline.')
    .requiredOption('--transactions <file>', 'transactions CSV, plain or .gz (defaults fit UCI Online Retail)')
    .requiredOption('--split-date <date>', 'YYYY-MM-DD: train before it, test from it on (e.g. 2011-09-01)')
    .option('--k <n>', 'list length', '10')
    .option('--customer-column <name>', 'customer id column (default CustomerID)')
    .option('--item-column <name>', 'item id column (default StockCode)')
    .option('--date-column <name>', 'date column (default InvoiceDate)')
    .option('--invoice-column <name>', 'order id column (default InvoiceNo; "C…" marks a cancellation)')
    .option('--quantity-column <name>', 'quantity column (default Quantity; rows ≤ 0 are skipped)')
    .option('--price-column <name>', 'unit price column (default UnitPrice; rows ≤ 0 are skipped)')
    .option('--json', 'print one JSON object instead of the report')
    .action(async (opts: Options) => {
      const issues = [];
      const k = Number(opts.k);
      if (!Number.isInteger(k) || k < 1 || k > 1000) issues.push({ column: '--k', value: opts.k, reason: 'must be a whole number from 1 to 1000' });
      const splitDay = /^\d{4}-\d{2}-\d{2}$/.test(opts.splitDate) ? parseDay(opts.splitDate) : Number.NaN;
      if (!Number.isFinite(splitDay)) issues.push({ column: '--split-date', value: opts.splitDate, reason: 'must be a date YYYY-MM-DD' });
      if (issues.length) throw new InputError('invalid options for eval recommend', issues);
      const columns: Partial<TransactionColumns> = {
        customer: opts.customerColumn,
        item: opts.itemColumn,
        date: opts.dateColumn,
        invoice: opts.invoiceColumn,
        quantity: opts.quantityColumn,
        price: opts.priceColumn,
      };
      const started = performance.now();
      const { table, stats } = await loadTransactions(opts.transactions, columns);
      io.err(
        `loaded ${stats.kept} of ${stats.rows} rows (skipped: ${stats.noCustomer} without customer, ${stats.cancelled} cancellations, ${stats.nonPositive} with quantity or price ≤ 0, ${stats.nonProduct} non-product codes)\n`,
      );
      const result = evaluateRecommendations(table, splitDay, k);
      if (result.train_rows === 0 || result.users === 0) {
        throw new InputError('nothing to evaluate around the split date', [
          { column: '--split-date', value: opts.splitDate, reason: `${result.train_rows} training rows before it and ${result.users} customers with new items after it; pick a date inside the data` },
        ]);
      }
      const report: RecommendEvalReport = { ...result, split_date: opts.splitDate, seconds: (performance.now() - started) / 1000 };
      io.out(opts.json ? JSON.stringify(report) + '\n' : formatRecommendReport(report) + '\n');
    });
}

function formatRecommendReport(r: RecommendEvalReport): string {
  const ratio = r.recall_ratio === null ? 'n/a' : `${r.recall_ratio.toFixed(2)}×`;
  return [
    `Recommendations, split ${r.split_date}: ${r.train_rows} training rows, ${r.test_rows} test rows`,
    `  ${r.users} customers bought new items after the split (${r.cold_users} had no history: popularity fallback)`,
    `  item-to-item CF   recall@${r.k} ${r.recall.toFixed(4)}  NDCG@${r.k} ${r.ndcg.toFixed(4)}`,
    `  most popular      recall@${r.k} ${r.baseline_recall.toFixed(4)}  NDCG@${r.k} ${r.baseline_ndcg.toFixed(4)}`,
    `  recall ratio vs popularity: ${ratio}`,
    `  ${r.seconds.toFixed(1)} s`,
  ].join('\n');
}

const money = (v: number) => v.toLocaleString('en', { maximumFractionDigits: 0 });

/** `salesbloom customers recompute|segments|values|recommend`. */
export function registerCustomerCommands(program: Command): void {
  const customers = program.command('customers').description('Customer segments, lifetime value, churn risk and recommendations from stored orders');

  withDataOptions(customers.command('recompute').description('Recompute the customer-analytics snapshot'))
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const r = await withDatabase(opts, (db) => recomputeCustomers(db));
      if (opts.json) return printJson(r);
      process.stdout.write(`customer analytics recomputed: ${r.customers} customers in ${r.segments} segments, as of ${r.as_of} (${r.seconds} s)\n`);
    });

  withDataOptions(customers.command('segments').description('Segments in plain words, with sizes and 12-month value'))
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const r = await withDatabase(opts, async (db) => customerSegments(db, await cliActor(db)));
      if (opts.json) return printJson(r);
      const lines = r.segments.map((g) => `  ${String(g.id).padStart(2)}  ${String(g.customers).padStart(6)} customers  value 12m ${money(g.value_12m).padStart(12)}  ${render(g.description, cliLocale())}`);
      process.stdout.write([`${r.customers} customers as of ${r.as_of}:`, ...lines].join('\n') + '\n');
    });

  withDataOptions(customers.command('values').description('Customers by churn risk or 12-month value'))
    .option('--sort <by>', 'churn_risk or value', 'churn_risk')
    .option('--segment <id>', 'only this segment')
    .option('--limit <n>', 'rows (1–1000)', '20')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const r = await withDatabase(opts, async (db) => listCustomers(db, await cliActor(db), { sort: opts.sort, segment: opts.segment, limit: opts.limit }));
      if (opts.json) return printJson(r);
      const lines = (r.data as Record<string, any>[]).map((c) => `  churn ${(100 * c.churn_risk).toFixed(0).padStart(3)}%  P(alive) ${c.p_alive.toFixed(2)}  value 12m ${money(c.value_12m).padStart(10)}  ${c.name}`);
      process.stdout.write([`customers by ${opts.sort} (as of ${r.as_of}):`, ...lines].join('\n') + '\n');
    });

  withDataOptions(customers.command('recommend').description('Recommended products for a customer, explained'))
    .requiredOption('--account <id>', 'account id')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const p: Record<string, any> = await withDatabase(opts, async (db) => customerProfile(db, await cliActor(db), opts.account));
      if (opts.json) return printJson(p);
      const locale = cliLocale();
      const lines = (p.recommendations as { name: string; explanation: Text | string }[]).map((r, i) => `  ${i + 1}. ${r.name} — ${render(r.explanation, locale)}`);
      const churn = render(msg('customers.cli.churn', { pct: (100 * p.churn_risk).toFixed(0) }), locale);
      process.stdout.write([`${p.name} (${render(p.segment, locale)}; ${churn}):`, ...lines].join('\n') + '\n');
    });
}
