/**
 * `perigee contracts check|release`: the compatibility gate of the event
 * contracts and the packet definitions (server/contracts). `check` compares
 * the working schemas and the mission database's packet definitions with the
 * released sets (server/contracts/released.json, released-packets.json) and
 * exits 1 on an incompatible change, printing what broke; `release` records
 * the working sets as released (run it when a version ships).
 */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkContracts, currentShapes, formatCompatibility, type ContractShapes } from '../contracts/compatibility';
import { checkPackets, packetShapes, type PacketCompatibilityReport, type PacketShapes } from '../contracts/packet-contracts';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { MissionControlError } from '../errors';

export const RELEASED_CONTRACTS_PATH = fileURLToPath(new URL('../contracts/released.json', import.meta.url));
export const RELEASED_PACKETS_PATH = fileURLToPath(new URL('../contracts/released-packets.json', import.meta.url));

export const CONTRACTS_USAGE = 'usage: perigee contracts check | release\n';

export async function readReleasedContracts(path = RELEASED_CONTRACTS_PATH): Promise<ContractShapes> {
  return JSON.parse(await fs.readFile(path, 'utf8')) as ContractShapes;
}

export async function readReleasedPackets(path = RELEASED_PACKETS_PATH): Promise<PacketShapes> {
  return JSON.parse(await fs.readFile(path, 'utf8')) as PacketShapes;
}

function formatPackets(report: PacketCompatibilityReport): string {
  const lines =
    report.breaks.length === 0
      ? ['packet definitions are compatible with the released set']
      : [`${report.breaks.length} incompatible packet definition change(s):`, ...report.breaks.map((b) => `  BREAK ${b}`)];
  for (const u of report.unreleased) lines.push(`  not released yet: ${u} (perigee contracts release records it)`);
  return `${lines.join('\n')}\n`;
}

export async function runContracts(
  args: readonly string[],
  io: { out: (t: string) => void; err: (t: string) => void },
  path = RELEASED_CONTRACTS_PATH,
  packetsPath = RELEASED_PACKETS_PATH,
): Promise<number> {
  const [sub] = args;
  if (sub === 'check') {
    const report = checkContracts(await readReleasedContracts(path), currentShapes());
    const packets = checkPackets(await readReleasedPackets(packetsPath), packetShapes(defaultMissionDatabase()));
    (report.breaks.length > 0 ? io.err : io.out)(formatCompatibility(report));
    (packets.breaks.length > 0 ? io.err : io.out)(formatPackets(packets));
    return report.breaks.length + packets.breaks.length > 0 ? 1 : 0;
  }
  if (sub === 'release') {
    const released = await readReleasedContracts(path).catch(() => ({}) as ContractShapes);
    const report = checkContracts(released, currentShapes());
    const packets = checkPackets(await readReleasedPackets(packetsPath).catch(() => ({}) as PacketShapes), packetShapes(defaultMissionDatabase()));
    if (report.breaks.length + packets.breaks.length > 0) {
      io.err(`refusing to release incompatible changes:\n${formatCompatibility(report)}${formatPackets(packets)}`);
      return 1;
    }
    await fs.writeFile(path, `${JSON.stringify(currentShapes(), null, 2)}\n`);
    await fs.writeFile(packetsPath, `${JSON.stringify(packetShapes(defaultMissionDatabase()), null, 2)}\n`);
    io.out(
      `released ${report.unreleased.length} new event contract version(s), ${report.additions.length} additive change(s) and ${packets.unreleased.length} new packet definition(s)\n`,
    );
    return 0;
  }
  throw new MissionControlError(`expected check or release\n${CONTRACTS_USAGE}`);
}
