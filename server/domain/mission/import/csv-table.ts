/**
 * RFC 4180 CSV rows with the line each starts on. Blank lines and lines
 * starting with '#' are skipped; quoted cells may hold commas, doubled
 * quotes and line breaks.
 */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  const source = text.replace(/^\uFEFF/, '');
  while (i < source.length) {
    const startLine = line;
    if (source[i] === '#' || source[i] === '\n' || (source[i] === '\r' && source[i + 1] === '\n')) {
      while (i < source.length && source[i] !== '\n') i++;
      i++;
      line++;
      continue;
    }
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (; i < source.length; i++) {
      const c = source[i]!;
      if (quoted) {
        if (c === '"' && source[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else {
          if (c === '\n') line++;
          cell += c;
        }
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else if (c === '\n') break;
      else if (c !== '\r') cell += c;
    }
    cells.push(cell);
    i++;
    line++;
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: startLine, cells });
  }
  return rows;
}
