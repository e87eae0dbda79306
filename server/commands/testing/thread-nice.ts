/**
 * The nice value of each thread of a process, from /proc (Linux): field 19
 * of /proc/<pid>/task/<tid>/stat.
 *
 * @example
 *   threadNiceValues(worker.pid!); // → [10, 10, 10, …]
 */
import fs from 'node:fs';

export function threadNiceValues(pid: number | 'self'): number[] {
  return [...threadNiceById(pid).values()];
}

/** The same by thread id. */
export function threadNiceById(pid: number | 'self'): Map<number, number> {
  return new Map(
    fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // After "pid (comm) ", the fields from 3 on: nice is the 17th of them.
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    }),
  );
}
