/**
 * Sends one telemetry packet to a running Perigee's ingest gateway over TCP,
 * as a ground station would: every parameter of the APID's layout at a
 * nominal value (inside its limits) except the ones given, stamped with the
 * current onboard time. Run with `node --import tsx`, so the specs drive the
 * real gateway with the real codec.
 *
 *   node --import tsx e2e/support/send-packet.ts 127.0.0.1:4101 101 288 '{"thermal.node_000": 95}' [everyMs forMs]
 *   → prints the onboard time of each packet it sent, epoch ms, one per line
 *
 * With everyMs and forMs it keeps sending a fresh packet every everyMs for forMs.
 * With --corrupt-crc it flips the last CRC byte of each packet (the processor
 * quarantines it as crc-mismatch) and prints the packet's hex after its time.
 */
import net from 'node:net';
import { encodePacket } from '../../server/domain/codec/packet-codec';
import { defaultMissionDatabase } from '../../server/domain/mission/default-mission-database';

const corruptCrc = process.argv.includes('--corrupt-crc');
const [address, satelliteArg, apidArg, overridesArg = '{}', everyArg = '0', forArg = '0'] = process.argv.slice(2).filter((a) => a !== '--corrupt-crc');
if (!address || !satelliteArg || !apidArg) {
  process.stderr.write('usage: send-packet.ts host:port satelliteId apid [json overrides]\n');
  process.exit(2);
}
const mdb = defaultMissionDatabase();
const apid = Number(apidArg);
const layout = mdb.latestLayout(apid);
if (!layout) throw new Error(`no layout for APID ${apid}`);

const nominal = (name: string): number => {
  const p = mdb.parameter(name)!;
  if (p.states) return Number(Object.keys(p.states)[0]);
  const low = p.limits?.warningLow ?? p.validRange?.min ?? 0;
  const high = p.limits?.warningHigh ?? p.validRange?.max ?? low;
  return p.rawType === 'float32' ? 0.5 : (low + high) / 2;
};
const values: Record<string, number> = Object.fromEntries(layout.parameters.map((p) => [p.name, nominal(p.name)]));
Object.assign(values, JSON.parse(overridesArg) as Record<string, number>);
const [host, port] = address.split(':');
const socket = net.connect(Number(port), host!);
socket.on('error', (error) => {
  process.stderr.write(`cannot send to ${address}: ${error.message}\n`);
  process.exit(1);
});
await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

const everyMs = Number(everyArg);
const untilMs = Date.now() + Number(forArg);
for (let sent = 0; ; sent++) {
  const onboardTimeMs = Date.now() - 50;
  const bytes = encodePacket(mdb, { apid, satelliteId: Number(satelliteArg), sequenceCount: (onboardTimeMs + sent) % 0x4000, onboardTimeMs, values });
  const packet = Buffer.from(bytes);
  if (corruptCrc) packet.writeUInt8(packet.readUInt8(packet.length - 1) ^ 0xff, packet.length - 1);
  await new Promise<void>((resolve) => socket.write(packet, () => resolve()));
  process.stdout.write(corruptCrc ? `${onboardTimeMs} ${packet.toString('hex')}\n` : `${onboardTimeMs}\n`);
  if (!(everyMs > 0) || Date.now() + everyMs > untilMs) break;
  await new Promise((resolve) => setTimeout(resolve, everyMs));
}
socket.end();
