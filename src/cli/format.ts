// Column layout for CLI reports in either language: a Chinese character takes two terminal
// columns, so padding counts display width (string-width), not string length.
import stringWidth from 'string-width';

/** text followed by spaces up to `columns` terminal columns (unchanged when already wider). */
export function padColumns(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - stringWidth(text)));
}
