/**
 * Left-aligned first column, right-aligned figures: the benchmark's printed
 * table.
 *
 * @example
 *   formatTable([['', 'a'], ['p99 ms', '12']]);
 *   // → "         a\np99 ms  12"
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}
