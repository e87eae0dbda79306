import { describe, expect, it } from 'vitest';
import { PostgresLog } from './postgres-log';

describe('Database > PostgresLog', () => {
  it('reassembles lines split across chunks and forwards each once', () => {
    const forwarded: string[] = [];
    const log = new PostgresLog((line) => forwarded.push(line));

    log.write('2026-11-25 13:53:37.824 UTC [1] LOG:  database system is rea');
    log.write('dy to accept connections\n2026-11-25 13:53:37.876 UTC [2] LOG:  launcher started\n');

    expect(forwarded).toEqual([
      '2026-11-25 13:53:37.824 UTC [1] LOG:  database system is ready to accept connections',
      '2026-11-25 13:53:37.876 UTC [2] LOG:  launcher started',
    ]);
  });

  it('returns the lines written since a mark, including an unterminated one', () => {
    const log = new PostgresLog();
    log.write('one\n');
    const mark = log.mark();
    log.write('two\nthree');
    expect(log.linesSince(mark)).toEqual(['two', 'three']);
  });

  it('picks the lines that explain a failed start, without timestamps', () => {
    const lines = [
      '2026-11-25 14:00:00.000 UTC [7] LOG:  starting PostgreSQL 18.4',
      '2026-11-25 14:00:00.001 UTC [7] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      '2026-11-25 14:00:00.001 UTC [7] HINT:  Is another postmaster already running on port 5432? If not, wait a few seconds and retry.',
      '2026-11-25 14:00:00.002 UTC [7] WARNING:  could not create listen socket for "127.0.0.1"',
      '2026-11-25 14:00:00.002 UTC [7] FATAL:  could not create any TCP/IP sockets',
      '2026-11-25 14:00:00.003 UTC [7] LOG:  database system is shut down',
    ];
    expect(PostgresLog.relevant(lines)).toEqual([
      'LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
      'HINT:  Is another postmaster already running on port 5432? If not, wait a few seconds and retry.',
      'WARNING:  could not create listen socket for "127.0.0.1"',
      'FATAL:  could not create any TCP/IP sockets',
    ]);
  });

  it('falls back to the last lines when none stands out', () => {
    expect(PostgresLog.relevant(['2026-11-25 14:00:00.000 UTC [7] LOG:  a', 'b'])).toEqual(['LOG:  a', 'b']);
  });
});
