// The in-memory transaction table every customer model reads: one row per order line, with
// customers and items as dense integer ids (typed arrays keep 500k rows cheap).

export interface TransactionTable {
  customer: Int32Array;
  item: Int32Array;
  /** Days since 1970-01-01 (fractional: time of day). */
  day: Float64Array;
  /** Revenue of the line (quantity × unit price), > 0. */
  amount: Float64Array;
  /** Order id; lines of one order share it. */
  invoice: Int32Array;
  customerIds: string[];
  itemIds: string[];
  /** Optional item names for explanations, parallel to itemIds. */
  itemNames?: string[];
}

/** Rows whose day is before `splitDay` (train) and from it on (test), sharing the id lists. */
export function splitByDay(t: TransactionTable, splitDay: number): [TransactionTable, TransactionTable] {
  const pick = (keep: (i: number) => boolean): TransactionTable => {
    const rows: number[] = [];
    for (let i = 0; i < t.day.length; i++) if (keep(i)) rows.push(i);
    const take = <A extends Int32Array | Float64Array>(a: A): A => {
      const out = new (a.constructor as new (n: number) => A)(rows.length);
      rows.forEach((r, k) => (out[k] = a[r]));
      return out;
    };
    return { ...t, customer: take(t.customer), item: take(t.item), day: take(t.day), amount: take(t.amount), invoice: take(t.invoice) };
  };
  return [pick((i) => t.day[i] < splitDay), pick((i) => t.day[i] >= splitDay)];
}
