/**
 * Namespaced, levelled logging to stderr as one line per entry
 * (`2026-11-25T13:00:00.000Z INFO  worker: message {"k":1}`), in the spirit of
 * kafkajs `rootLogger.namespace('Consumer')`.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  namespace(name: string): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    const cause = (value as Error & { cause?: unknown }).cause;
    return { name: value.name, message: value.message, ...(cause === undefined ? {} : { cause: describe(cause) }) };
  }
  return value;
}

export function createLogger({
  level = 'info',
  namespace = 'perigee',
  write = (line: string) => process.stderr.write(`${line}\n`),
}: { level?: LogLevel; namespace?: string; write?: (line: string) => void } = {}): Logger {
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    const extra = fields
      ? ` ${JSON.stringify(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, describe(v)])))}`
      : '';
    write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${namespace}: ${message}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    namespace: (name) => createLogger({ level, namespace: `${namespace}:${name}`, write }),
  };
}

/** A logger that drops everything (tests that assert on results, not logs). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  namespace: () => silentLogger,
};
