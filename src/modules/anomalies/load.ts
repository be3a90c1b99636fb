// Reads the files of `salesbloom eval anomalies`: a long series CSV (series_id,t,value) and a
// labelled windows CSV (series_id,start,end, inclusive). Validation lives here, at the boundary.
import { readCsvFile } from '../../core/csv-file.ts';
import { InputError, type InputIssue } from '../../core/errors.ts';
import type { Window } from '../../ml/anomaly/evaluation.ts';
import { inferUnit, parseTime, type GridUnit, type TimeKind } from './time-grid.ts';

export interface GridSeries {
  id: string;
  /** Values on the regular grid; NaN where a step has no row or an empty value. */
  values: Float64Array;
  unit: GridUnit;
  /** Labelled windows as inclusive grid positions. */
  windows: Window[];
}

const MAX_ISSUES = 50;

function readCsv(path: string, required: string[]): { file: string; rows: { row: number; get: (c: string) => string }[] } {
  const { file, header, records } = readCsvFile(path);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new InputError(`${file} lacks required columns`, missing.map((column) => ({ file, row: 1, column, reason: `missing column (header is ${header.join(',') || 'empty'})` })));
  }
  const rows = records.map((record, i) => ({ row: i + 2, get: (c: string) => record[header.indexOf(c)] ?? '' }));
  return { file, rows };
}

/** Loads and validates both files; throws one InputError listing every problem found. */
export function loadAnomalyEval(seriesPath: string, windowsPath: string): GridSeries[] {
  const issues: InputIssue[] = [];
  const note = (issue: InputIssue): void => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };
  const series = readCsv(seriesPath, ['series_id', 't', 'value']);
  const observations = new Map<string, { time: number; value: number; row: number; text: string }[]>();
  let kind: TimeKind | null = null;
  for (const { row, get } of series.rows) {
    const id = get('series_id');
    const t = get('t');
    const raw = get('value');
    if (!id) note({ file: series.file, row, column: 'series_id', value: id, reason: 'empty series id' });
    const parsed = parseTime(t);
    if (!parsed) {
      note({ file: series.file, row, column: 't', value: t, reason: 'not an integer index or a date (YYYY-MM-DD[ HH:MM[:SS]])' });
      continue;
    }
    if (kind && parsed.kind !== kind) {
      note({ file: series.file, row, column: 't', value: t, reason: `mixes ${parsed.kind} with ${kind} values` });
      continue;
    }
    kind = parsed.kind;
    const value = raw === '' ? Number.NaN : Number(raw);
    if (raw !== '' && !Number.isFinite(value)) {
      note({ file: series.file, row, column: 'value', value: raw, reason: 'not a number (leave it empty for a missing point)' });
      continue;
    }
    if (!id) continue;
    const list = observations.get(id) ?? [];
    list.push({ time: parsed.time, value, row, text: t });
    observations.set(id, list);
  }
  if (observations.size === 0 && issues.length === 0) note({ file: series.file, reason: 'no data rows' });

  const out = new Map<string, GridSeries>();
  for (const [id, list] of observations) {
    list.sort((a, b) => a.time - b.time);
    const unit = inferUnit(kind!, list.map((o) => o.time));
    const last = Math.round(unit.toGrid(list[list.length - 1].time));
    if (last > 5_000_000) {
      note({ file: series.file, row: list[list.length - 1].row, column: 't', value: list[list.length - 1].text, reason: `series spans ${last} steps of one ${unit.name}; the grid is too sparse` });
      continue;
    }
    const values = new Float64Array(last + 1).fill(Number.NaN);
    const seen = new Uint8Array(last + 1);
    for (const o of list) {
      const g = unit.toGrid(o.time);
      const pos = Math.round(g);
      if (Math.abs(g - pos) > 0.02) {
        note({ file: series.file, row: o.row, column: 't', value: o.text, reason: `not on series ${id}'s regular grid of one ${unit.name}` });
        continue;
      }
      if (seen[pos]) {
        note({ file: series.file, row: o.row, column: 't', value: o.text, reason: `duplicate time in series ${id}` });
        continue;
      }
      seen[pos] = 1;
      values[pos] = o.value;
    }
    out.set(id, { id, values, unit, windows: [] });
  }

  const windows = readCsv(windowsPath, ['series_id', 'start', 'end']);
  for (const { row, get } of windows.rows) {
    const id = get('series_id');
    const target = out.get(id);
    if (!target) {
      if (!observations.has(id)) note({ file: windows.file, row, column: 'series_id', value: id, reason: 'no such series in the series file' });
      continue;
    }
    const bounds: number[] = [];
    for (const column of ['start', 'end']) {
      const text = get(column);
      const parsed = parseTime(text);
      if (!parsed || parsed.kind !== kind) {
        note({ file: windows.file, row, column, value: text, reason: `not a ${kind === 'index' ? 'integer index' : 'date'} like the series' t column` });
        continue;
      }
      bounds.push(target.unit.toGrid(parsed.time));
    }
    if (bounds.length < 2) continue;
    if (bounds[0] > bounds[1]) {
      note({ file: windows.file, row, column: 'end', value: get('end'), reason: 'end is before start' });
      continue;
    }
    target.windows.push({ start: Math.ceil(bounds[0] - 1e-9), end: Math.floor(bounds[1] + 1e-9) });
  }
  if (issues.length) throw new InputError(`cannot evaluate anomalies: ${issues.length >= MAX_ISSUES ? 'at least ' : ''}${issues.length} problem(s) in the input`, issues);
  return [...out.values()];
}
