// Reads the first rows of a CSV file in the browser for the import wizard's preview.
// Hand-written rather than a CSV library: the preview needs only the header and ten rows of the
// file's first 64 KiB (the server parses the whole file with csv-parse), and a quoted-field
// reader of this size keeps the wizard's chunk small.

export interface CsvPreview {
  delimiter: string;
  headers: string[];
  rows: string[][];
}

const DELIMITERS = [',', ';', '\t', '|'];

function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function parseCsvPreview(text: string, maxRows = 10): CsvPreview {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < body.length && records.length <= maxRows) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
    i++;
  }
  if ((field !== '' || record.length) && records.length <= maxRows && i >= body.length) endRecord();
  const [headers = [], ...rows] = records;
  return { delimiter, headers: headers.map((h) => h.trim()), rows: rows.slice(0, maxRows) };
}

export const normalise = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
