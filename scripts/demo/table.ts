/**
 * Fixed-width columns. `rightAligned(column)` picks the right-aligned ones (default: all but the first,
 * which suits a name followed by counts).
 */
export function alignColumns(
  rows: readonly (readonly string[])[],
  rightAligned: (column: number) => boolean = (column) => column > 0,
): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  const pad = (cell: string, i: number) =>
    rightAligned(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
  return rows.map((row) => `  ${row.map(pad).join('  ')}`.trimEnd());
}

export const leftAligned = () => false;
