/**
 * CPU time of this process's descendants, grouped by what they are: a
 * Perigee role (`perigee worker` → "worker", "worker (realtime)" when
 * started with WORKER_PARTS), PostgreSQL, the Kafka mock
 * cluster (kcat), or the program's name. Read from /proc (Linux); the
 * benchmark's own process is left out. Take two readings and subtract them
 * to see where an interval's CPU went. Also each Perigee role's peak
 * resident memory so far.
 *
 * @example
 *   const before = descendantCpu();
 *   // … the dump …
 *   cpuBetween(before, descendantCpu()); // → [['postgres', 4.9], ['worker', 3.3], …] seconds, largest first
 *   rolePeakMemory(); // → [['worker', 312], ['web', 280], …] MiB
 */
import fs from 'node:fs';
import { formatNumber } from './format';

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcessStat {
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
  /** Whether it is a Perigee role (`server/cli.ts <role>`). */
  readonly role: boolean;
  readonly cpuTicks: number;
}

/** " (realtime)" for a worker started with WORKER_PARTS=realtime; nothing for one running every part. */
function workerParts(pid: number, role: string): string {
  if (role !== 'worker') return '';
  const parts = fs
    .readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .find((v) => v.startsWith('WORKER_PARTS='))
    ?.slice('WORKER_PARTS='.length);
  return parts ? ` (${parts})` : '';
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const role = cmdline[cmdline.indexOf('server/cli.ts') + 1];
    const name = cmdline.includes('server/cli.ts') && role ? role + workerParts(pid, role) : comm.startsWith('postgres') || cmdline[0]?.endsWith('/postgres') ? 'postgres' : comm;
    // Fields 4 (ppid), 14 (utime) and 15 (stime), counted from 1 with pid and comm as 1 and 2.
    return { pid, ppid: Number(fields[1]), name, role: cmdline.includes('server/cli.ts') && Boolean(role), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // ended meanwhile
  }
}

/** The descendants of `root` still running, as read from /proc. */
function descendants(root: number): ProcessStat[] {
  const stats = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((s): s is ProcessStat => s !== undefined);
  const children = new Map<number, ProcessStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const found: ProcessStat[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/** CPU seconds so far per kind of descendant process (those still running). */
export function descendantCpu(root = process.pid): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const { name, cpuTicks } of descendants(root)) seconds.set(name, (seconds.get(name) ?? 0) + cpuTicks / TICKS_PER_SECOND);
  return seconds;
}

/**
 * CPU seconds so far of this process, under `label`, and of its descendants
 * per kind (descendantCpu): for a benchmark that runs Perigee in its own
 * process.
 */
export function processTreeCpu(label: string): Map<string, number> {
  const { user, system } = process.cpuUsage();
  return new Map([[label, (user + system) / 1e6], ...descendantCpu()]);
}

type CpuUsed = ReadonlyArray<readonly [string, number]>;

/** CPU seconds of all kinds together, and the kinds that used at least 0.01 cores over `seconds` (tsx's esbuild service, a shell: not worth a column). */
function named(used: CpuUsed, seconds: number): { total: number; shown: CpuUsed } {
  return { total: used.reduce((sum, [, s]) => sum + s, 0), shown: used.filter(([, s]) => s / seconds >= 0.005) };
}

/** The cores each kind used over `seconds`: "1.82 cores (postgres 1.09, perigee 0.61)". */
export function describeCores(used: CpuUsed, seconds: number): string {
  const { total, shown } = named(used, seconds);
  return `${formatNumber(total / seconds, 2)} cores (${shown.map(([name, s]) => `${name} ${formatNumber(s / seconds, 2)}`).join(', ')})`;
}

/**
 * One line: the cores each kind used over `seconds`, and its CPU
 * milliseconds per 1,000 samples of `samples` (what the interval stored) —
 * a cost that holds when the rate does not (a run slowed by a busy machine).
 */
export function describeCpu(used: CpuUsed, seconds: number, samples: number): string {
  const { total, shown } = named(used, seconds);
  const perThousand = `${formatNumber((total * 1e6) / samples, 1)} ms (${shown.map(([name, s]) => `${name} ${formatNumber((s * 1e6) / samples, 1)}`).join(', ')})`;
  return `CPU ${describeCores(used, seconds)}; per 1,000 samples archived ${perThousand}`;
}

/** Peak resident memory so far (VmHWM) of each Perigee role process still running, MiB, largest first. */
export function rolePeakMemory(root = process.pid): Array<[string, number]> {
  const peaks: Array<[string, number]> = [];
  for (const { pid, name, role } of descendants(root)) {
    if (!role) continue;
    try {
      const hwmKiB = Number(/^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (hwmKiB > 0) peaks.push([name, hwmKiB / 1024]);
    } catch {
      // ended meanwhile
    }
  }
  return peaks.sort((a, b) => b[1] - a[1]);
}

/** CPU seconds each kind used between two readings, largest first. */
export function cpuBetween(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...after]
    .map(([name, s]): [string, number] => [name, s - (before.get(name) ?? 0)])
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1]);
}
