/**
 * Collects what PostgreSQL writes to stderr (in arbitrary chunks) as lines,
 * forwards each line, and keeps the most recent ones so a failed start can
 * quote them.
 *
 * @example
 *   const log = new PostgresLog((line) => console.log(line));
 *   const mark = log.mark();
 *   log.write('2026-01-01 00:00:00.000 UTC [42] FATAL:  lock file "postmaster.pid" already exists\n');
 *   PostgresLog.relevant(log.linesSince(mark)); // ['FATAL:  lock file "postmaster.pid" already exists']
 */
const KEPT_LINES = 400;
const MAX_RELEVANT_LINES = 12;
/** "2026-11-25 13:53:38.143 UTC [11596] " — the default log_line_prefix '%m [%p] '. */
const LINE_PREFIX = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \S+ \[\d+\] /;
const IMPORTANT = /\b(FATAL|PANIC|ERROR|HINT|DETAIL):|could not|Address already in use/;

export class PostgresLog {
  readonly #forward: (line: string) => void;
  readonly #lines: string[] = [];
  /** Lines written before the oldest one still kept. */
  #dropped = 0;
  #partial = '';

  constructor(forward: (line: string) => void = () => {}) {
    this.#forward = forward;
  }

  write(chunk: string): void {
    const parts = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line === '') continue;
      this.#lines.push(line);
      this.#forward(line);
    }
    const excess = this.#lines.length - KEPT_LINES;
    if (excess > 0) {
      this.#lines.splice(0, excess);
      this.#dropped += excess;
    }
  }

  /** Position to read from later with linesSince. */
  mark(): number {
    return this.#dropped + this.#lines.length;
  }

  /** Lines written since `mark`, including a trailing unterminated one. */
  linesSince(mark: number): string[] {
    const lines = this.#lines.slice(Math.max(0, mark - this.#dropped));
    return this.#partial === '' ? lines : [...lines, this.#partial];
  }

  /** The lines that explain a failure, without their timestamp prefix; the last few lines when none stands out. */
  static relevant(lines: readonly string[]): string[] {
    const bare = lines.map((line) => line.replace(LINE_PREFIX, '').replace(/^\[STDERR\] /, '').trim()).filter((l) => l !== '');
    const important = bare.filter((line) => IMPORTANT.test(line));
    return (important.length > 0 ? important : bare).slice(-MAX_RELEVANT_LINES);
  }
}
