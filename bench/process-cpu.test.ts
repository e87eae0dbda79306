import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuBetween, describeCores, describeCpu, descendantCpu, processTreeCpu, rolePeakMemory } from './process-cpu';

describe.skipIf(!fs.existsSync('/proc/self/stat'))('Bench > descendant CPU', () => {
  it("counts a grandchild's CPU time under its program's name, and nothing of processes outside the tree", async () => {
    // A shell (not replaced by exec: a command follows) whose node child spins for 400 ms of CPU, then waits 2 s and ends.
    const spin = 'const end = Date.now() + 400; while (Date.now() < end); process.stdout.write("done"); setTimeout(() => {}, 2_000);';
    const shell = spawn('sh', ['-c', `"${process.execPath}" -e '${spin}'; true`], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const before = new Map<string, number>(); // nothing under the shell before it started
      await new Promise((resolve) => shell.stdout.once('data', resolve));
      const used = new Map(cpuBetween(before, descendantCpu(shell.pid!)));
      expect([...used.keys()]).toEqual(['node']);
      expect(used.get('node')).toBeGreaterThanOrEqual(0.35);
      expect(used.get('node')).toBeLessThan(2);
    } finally {
      shell.kill('SIGKILL');
    }
  });

  it("counts this process's own CPU under its label, next to its descendants'", () => {
    const before = processTreeCpu('bench');
    // Spins until this process has used 300 ms of CPU (not of wall time: on a busy machine it may wait its turn meanwhile).
    const start = process.cpuUsage();
    for (let spent = process.cpuUsage(start); spent.user + spent.system < 300_000; spent = process.cpuUsage(start));
    const used = new Map(cpuBetween(before, processTreeCpu('bench')));
    expect(used.get('bench')).toBeGreaterThanOrEqual(0.3);
    expect(used.get('bench')).toBeLessThan(2);
  });

  it('describes cores per kind over the interval and CPU per 1,000 samples stored', () => {
    // 20 s in which postgres used 24 s, perigee 12 s and esbuild 0.05 s of CPU (0.0025 cores: not named) while 1,800,000 samples were stored.
    expect(describeCpu([['postgres', 24], ['perigee', 12], ['esbuild', 0.05]], 20, 1_800_000)).toBe(
      'CPU 1.80 cores (postgres 1.20, perigee 0.60); per 1,000 samples archived 20.0 ms (postgres 13.3, perigee 6.7)',
    );
    expect(describeCores([['postgres', 24], ['perigee', 12], ['esbuild', 0.05]], 20)).toBe('1.80 cores (postgres 1.20, perigee 0.60)');
  });

  it('subtracts readings per name, leaving out what used nothing', () => {
    const before = new Map([['worker', 1], ['postgres', 2], ['kcat', 0.5]]);
    const after = new Map([['worker', 4.5], ['postgres', 2], ['kcat', 0.75], ['web', 1]]);
    expect(cpuBetween(before, after)).toEqual([['worker', 3.5], ['web', 1], ['kcat', 0.25]]);
  });

  it("reads a Perigee role's peak resident memory, and leaves out processes that are not roles", async () => {
    // Named as `perigee worker` is on its command line; it touches 64 MiB, frees them, and waits: the peak stays.
    const touch = 'let b = Buffer.alloc(64 * 1024 * 1024, 1); b = null; process.stdout.write("ready"); setTimeout(() => {}, 5_000);';
    const shell = spawn('sh', ['-c', `"${process.execPath}" -e '${touch}' server/cli.ts worker & "${process.execPath}" -e 'setTimeout(() => {}, 5_000)'; wait`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise((resolve) => shell.stdout.once('data', resolve));
      const peaks = rolePeakMemory(shell.pid!);
      expect(peaks.map(([name]) => name)).toEqual(['worker']);
      expect(peaks[0]![1]).toBeGreaterThan(64);
      expect(peaks[0]![1]).toBeLessThan(400);
    } finally {
      spawn('pkill', ['-KILL', '-P', String(shell.pid)]);
      shell.kill('SIGKILL');
    }
  });
});
