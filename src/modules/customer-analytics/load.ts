// Reads a transactions CSV (plain or .gz, streamed through node:zlib) into a TransactionTable.
// Defaults fit the UCI Online Retail file; validation and the cleaning rules live here:
//   - rows without a customer id are skipped (they cannot be attributed to anyone);
//   - cancellations (invoice starting with "C") and rows with quantity ≤ 0 are skipped (returns,
//     stock adjustments), as are rows with unit price ≤ 0 (free items, bad-debt adjustments);
//   - non-product codes (postage, discounts, fees, manual lines) are skipped: they are not items
//     anyone would recommend.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { TransactionTable } from '../../ml/customers/transactions.ts';

export interface TransactionColumns {
  customer: string;
  item: string;
  date: string;
  invoice: string;
  quantity: string;
  price: string;
  name: string;
}

export const DEFAULT_COLUMNS: TransactionColumns = {
  customer: 'CustomerID',
  item: 'StockCode',
  date: 'InvoiceDate',
  invoice: 'InvoiceNo',
  quantity: 'Quantity',
  price: 'UnitPrice',
  name: 'Description',
};

/** Service codes of the Online Retail file that are not products. */
const NON_PRODUCT_CODES = new Set(['POST', 'DOT', 'M', 'm', 'D', 'C2', 'CRUK', 'BANK CHARGES', 'AMAZONFEE', 'PADS', 'B', 'S', 'ADJUST', 'ADJUST2', 'TEST001', 'TEST002']);

export interface LoadStats {
  rows: number;
  kept: number;
  noCustomer: number;
  cancelled: number;
  nonPositive: number;
  nonProduct: number;
}

const MAX_ISSUES = 50;

/** Days since the epoch (UTC) of "YYYY-MM-DD[ HH:MM[:SS]]", ISO, or "M/D/YYYY[ H:MM]"; NaN if unparseable. */
export function parseDay(text: string): number {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  let parts: number[] | null = m ? [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)] : null;
  if (!parts) {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
    parts = m ? [+m[3], +m[1], +m[2], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)] : null;
  }
  if (!parts || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59) return Number.NaN;
  return Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]) / 86_400_000;
}

export async function loadTransactions(path: string, columns: Partial<TransactionColumns> = {}): Promise<{ table: TransactionTable; stats: LoadStats }> {
  const file = basename(path);
  const given = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined && v !== '')) as Partial<TransactionColumns>;
  const cols: TransactionColumns = { ...DEFAULT_COLUMNS, ...given };
  const explicit = new Set(Object.keys(given));
  let source: Readable = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    source.once('open', () => resolve());
    source.once('error', (error) => reject(new InputError(`cannot read ${path}`, [{ file, reason: error.message }])));
  });
  await opened;
  if (path.endsWith('.gz')) source = source.pipe(createGunzip());
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  source.on('error', (error) => parser.destroy(error));

  const issues: InputIssue[] = [];
  const stats: LoadStats = { rows: 0, kept: 0, noCustomer: 0, cancelled: 0, nonPositive: 0, nonProduct: 0 };
  const customerIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const invoiceIndex = new Map<string, number>();
  const itemNames: string[] = [];
  const rows = { customer: [] as number[], item: [] as number[], day: [] as number[], amount: [] as number[], invoice: [] as number[] };
  let header: string[] | null = null;
  let at: Record<keyof TransactionColumns, number> | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (!header) {
        header = record.map((h) => h.trim());
        at = Object.fromEntries(Object.entries(cols).map(([k, name]) => [k, header!.indexOf(name)])) as Record<keyof TransactionColumns, number>;
        const required: (keyof TransactionColumns)[] = ['customer', 'item', 'date'];
        const missing = (Object.keys(cols) as (keyof TransactionColumns)[]).filter((k) => at![k] < 0 && (required.includes(k) || explicit.has(k)));
        if (missing.length) {
          throw new InputError(`${file} lacks required columns`, missing.map((k) => ({ file, row: 1, column: cols[k], reason: `missing column (use --${k}-column; header is ${header!.join(',')})` })));
        }
        continue;
      }
      stats.rows++;
      const get = (k: keyof TransactionColumns) => (at![k] >= 0 ? (record[at![k]] ?? '').trim() : '');
      const customer = get('customer');
      if (!customer) {
        stats.noCustomer++;
        continue;
      }
      const invoice = at!.invoice >= 0 ? get('invoice') : '';
      if (invoice.startsWith('C') || invoice.startsWith('c')) {
        stats.cancelled++;
        continue;
      }
      const dateText = get('date');
      const day = parseDay(dateText);
      const qText = get('quantity');
      const pText = get('price');
      const quantity = at!.quantity >= 0 ? Number(qText) : 1;
      const price = at!.price >= 0 ? Number(pText) : 1;
      const problems: InputIssue[] = [];
      if (!Number.isFinite(day)) problems.push({ file, row, column: cols.date, value: dateText, reason: 'not a date (YYYY-MM-DD[ HH:MM[:SS]] or M/D/YYYY[ H:MM])' });
      if (at!.quantity >= 0 && (qText === '' || !Number.isFinite(quantity))) problems.push({ file, row, column: cols.quantity, value: qText, reason: 'not a number' });
      if (at!.price >= 0 && (pText === '' || !Number.isFinite(price))) problems.push({ file, row, column: cols.price, value: pText, reason: 'not a number' });
      if (problems.length) {
        for (const p of problems) if (issues.length < MAX_ISSUES) issues.push(p);
        if (issues.length >= MAX_ISSUES) break;
        continue;
      }
      if (quantity <= 0 || price <= 0) {
        stats.nonPositive++;
        continue;
      }
      const item = get('item');
      if (!item || NON_PRODUCT_CODES.has(item)) {
        stats.nonProduct++;
        continue;
      }
      let c = customerIndex.get(customer);
      if (c === undefined) customerIndex.set(customer, (c = customerIndex.size));
      let it = itemIndex.get(item);
      if (it === undefined) {
        itemIndex.set(item, (it = itemIndex.size));
        itemNames.push(get('name') || item);
      }
      const invoiceKey = invoice || `${customer}|${dateText}`;
      let inv = invoiceIndex.get(invoiceKey);
      if (inv === undefined) invoiceIndex.set(invoiceKey, (inv = invoiceIndex.size));
      rows.customer.push(c);
      rows.item.push(it);
      rows.day.push(day);
      rows.amount.push(quantity * price);
      rows.invoice.push(inv);
      stats.kept++;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file} could not be read as CSV`, [{ file, row: row + 1, reason: (error as Error).message }]);
  }
  if (!header) issues.push({ file, reason: 'the file is empty' });
  if (issues.length) throw new InputError(`cannot load transactions: ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${issues.length} problem(s)`, issues);
  const table: TransactionTable = {
    customer: Int32Array.from(rows.customer),
    item: Int32Array.from(rows.item),
    day: Float64Array.from(rows.day),
    amount: Float64Array.from(rows.amount),
    invoice: Int32Array.from(rows.invoice),
    customerIds: [...customerIndex.keys()],
    itemIds: [...itemIndex.keys()],
    itemNames,
  };
  return { table, stats };
}
