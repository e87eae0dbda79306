/**
 * Splits the messages of an ArchiveBatch that are not yet archived into the
 * rows of each table. Pure, so the transaction in PostgresTelemetryStore only
 * moves data.
 *
 * @example
 *   const rows = archiveRows(batch, 41n); // messages at offsets ≤ 41 are counted in rows.skipped
 *   rows.lastOffset; // e.g. 57n, or null when every message was skipped
 */
import type { Alert } from '../../domain/alert';
import type { ArchiveBatch, PacketRecord, SatelliteSummary } from '../../ports/telemetry-store';
import { SampleColumnsBuilder, type SampleColumns } from '../../ports/sample-columns';
import type { RawPacketRow } from '../../../db/queries/insert-raw-packets';
import type { QuarantineRow } from '../../../db/queries/insert-quarantine';
import type { GroundStationEventRow } from '../../../db/queries/insert-ground-station-events';

/** The rows of each table an archive transaction writes. */
export interface ArchiveTableRows {
  readonly rawPackets: RawPacketRow[];
  readonly samples: SampleColumns;
  readonly packets: PacketRecord[];
  readonly alerts: Alert[];
  readonly quarantine: QuarantineRow[];
  readonly groundStationEvents: GroundStationEventRow[];
  /** Event-time span of the samples and ground-station events per satellite. */
  readonly satellites: SatelliteSummary[];
}

/** One batch's rows, and which of its messages they come from. */
export interface ArchiveRows extends ArchiveTableRows {
  readonly stored: number;
  readonly skipped: number;
  /** Highest offset among stored messages; null when nothing is stored. */
  readonly lastOffset: bigint | null;
}

const OFFSET = /^(0|[1-9]\d*)$/;

/**
 * `archivedOffset` is the last offset already archived for the batch's
 * partition (null for none); messages at or below it were stored by an
 * earlier delivery and are skipped. Offsets are compared as integers because
 * Kafka offsets are 64-bit.
 */
export function archiveRows(batch: ArchiveBatch, archivedOffset: bigint | null): ArchiveRows {
  const { topic, partition } = batch;
  const rows = {
    rawPackets: [] as RawPacketRow[],
    packets: [] as PacketRecord[],
    alerts: [] as Alert[],
    quarantine: [] as QuarantineRow[],
    groundStationEvents: [] as GroundStationEventRow[],
  };
  const seen = new Map<number, { first: number; last: number }>();
  const see = (satelliteId: number, timeMs: number) => {
    if (!Number.isFinite(timeMs)) return;
    const span = seen.get(satelliteId);
    if (span === undefined) seen.set(satelliteId, { first: timeMs, last: timeMs });
    else {
      if (timeMs < span.first) span.first = timeMs;
      if (timeMs > span.last) span.last = timeMs;
    }
  };
  let stored = 0;
  let skipped = 0;
  let lastOffset: bigint | null = null;
  let capacity = 0;
  for (const message of batch.messages) capacity += message.samples?.length ?? 0;
  const samples = new SampleColumnsBuilder(capacity);
  for (const message of batch.messages) {
    if (!OFFSET.test(message.offset)) throw new RangeError(`offset must be a non-negative decimal integer string, got "${message.offset}"`);
    const offset = BigInt(message.offset);
    if (archivedOffset !== null && offset <= archivedOffset) {
      skipped++;
      continue;
    }
    stored++;
    if (lastOffset === null || offset > lastOffset) lastOffset = offset;
    const origin = { topic, partition, offset: message.offset };
    if (message.rawPacket) rows.rawPackets.push({ ...message.rawPacket, ...origin });
    if (message.quarantine) rows.quarantine.push({ ...message.quarantine, ...origin });
    for (const packet of message.packets ?? []) rows.packets.push(packet);
    if (message.alert) rows.alerts.push(message.alert);
    if (message.groundStationEvent) {
      rows.groundStationEvents.push({ event: message.groundStationEvent, ...origin });
      see(message.groundStationEvent.satelliteId, message.groundStationEvent.timeMs);
    }
    const columns = message.samples;
    if (columns !== undefined) {
      for (let i = 0; i < columns.length; i++) {
        const timeMs = columns.timeMs[i]!;
        if (!Number.isFinite(timeMs)) {
          throw new RangeError(`sample of parameter ${columns.parameterId[i]} at offset ${message.offset} has no finite time (${timeMs})`);
        }
        see(columns.satelliteId[i]!, timeMs);
      }
      samples.append(columns);
    }
  }
  const satellites = [...seen].map(([satelliteId, span]) => ({ satelliteId, firstSeenMs: span.first, lastSeenMs: span.last }));
  return { ...rows, samples: samples.build(), satellites, stored, skipped, lastOffset };
}

/**
 * The rows of several batches, for one transaction: each table's rows one
 * after the other, and one sighting span per satellite (a statement may
 * update a satellite's row only once).
 */
export function mergeArchiveRows(parts: readonly ArchiveTableRows[]): ArchiveTableRows {
  if (parts.length === 1) return parts[0]!;
  const samples = new SampleColumnsBuilder(parts.reduce((n, p) => n + p.samples.length, 0));
  const satellites = new Map<number, SatelliteSummary>();
  for (const part of parts) {
    samples.append(part.samples);
    for (const s of part.satellites) {
      const seen = satellites.get(s.satelliteId);
      satellites.set(s.satelliteId, seen === undefined ? s : { satelliteId: s.satelliteId, firstSeenMs: Math.min(seen.firstSeenMs, s.firstSeenMs), lastSeenMs: Math.max(seen.lastSeenMs, s.lastSeenMs) });
    }
  }
  return {
    rawPackets: parts.flatMap((p) => p.rawPackets),
    samples: samples.build(),
    packets: parts.flatMap((p) => p.packets),
    alerts: parts.flatMap((p) => p.alerts),
    quarantine: parts.flatMap((p) => p.quarantine),
    groundStationEvents: parts.flatMap((p) => p.groundStationEvents),
    satellites: [...satellites.values()],
  };
}
