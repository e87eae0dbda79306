/**
 * `perigee contracts check|release`: the compatibility gate of the event
 * contracts (server/contracts). `check` compares the working schemas with
 * the released set in server/contracts/released.json and exits 1 on an
 * incompatible change, printing what broke; `release` records the working
 * set as released (run it when a version ships).
 */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkContracts, currentShapes, formatCompatibility, type ContractShapes } from '../contracts/compatibility';
import { MissionControlError } from '../errors';

export const RELEASED_CONTRACTS_PATH = fileURLToPath(new URL('../contracts/released.json', import.meta.url));

export const CONTRACTS_USAGE = 'usage: perigee contracts check | release\n';

export async function readReleasedContracts(path = RELEASED_CONTRACTS_PATH): Promise<ContractShapes> {
  return JSON.parse(await fs.readFile(path, 'utf8')) as ContractShapes;
}

export async function runContracts(args: readonly string[], io: { out: (t: string) => void; err: (t: string) => void }, path = RELEASED_CONTRACTS_PATH): Promise<number> {
  const [sub] = args;
  if (sub === 'check') {
    const report = checkContracts(await readReleasedContracts(path), currentShapes());
    (report.breaks.length > 0 ? io.err : io.out)(formatCompatibility(report));
    return report.breaks.length > 0 ? 1 : 0;
  }
  if (sub === 'release') {
    const released = await readReleasedContracts(path).catch(() => ({}) as ContractShapes);
    const report = checkContracts(released, currentShapes());
    if (report.breaks.length > 0) {
      io.err(`refusing to release incompatible changes:\n${formatCompatibility(report)}`);
      return 1;
    }
    await fs.writeFile(path, `${JSON.stringify(currentShapes(), null, 2)}\n`);
    io.out(`released ${report.unreleased.length} new contract version(s) and ${report.additions.length} additive change(s) to ${path}\n`);
    return 0;
  }
  throw new MissionControlError(`expected check or release\n${CONTRACTS_USAGE}`);
}
