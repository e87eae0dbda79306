/**
 * Maps each message the archiver consumes to what the archive stores. Pure:
 * parsing and mapping only, no I/O. The processor has already decided what
 * is good; the archiver trusts the processor's messages but still validates
 * their shape, and files a message it cannot read as quarantine instead of
 * failing the batch.
 *
 *   raw topics, playback  → bronze packet exactly as received (header fields read, nothing judged)
 *   telemetry.samples     → silver samples + packet context and lineage of every frame (gold follows in the store)
 *   telemetry.quarantine  → quarantine record with its stage and origin
 *   telemetry.alerts      → alarm event (operators' alarm transitions: checked, already stored)
 *   ground-station.events → ground-station event
 */
import { decodePacket } from '../domain/codec/packet-codec';
import { PRIMARY_HEADER_BYTES, SECONDARY_HEADER_BYTES, readPrimaryHeader, readSecondaryHeader } from '../domain/codec/space-packet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { SampleFrame } from '../domain/sample-frame';
import { readAlertsTopicEvent, readEvent, type ContractName } from '../contracts/event-contracts';
import type { ConsumedMessage } from '../ports/bus';
import { SAMPLE_QUALITY, type ArchivedMessage, type PacketRecord } from '../ports/telemetry-store';
import { SampleColumnsBuilder, type SampleColumns } from '../ports/sample-columns';
import { ALL_RAW_TOPICS, TOPICS } from '../topics';
import { readReception } from '../raw-packet-headers';
import { arrivalOf } from './raw-packet-input';

/** An unreadable message on a Perigee topic: kept verbatim, never dropped. */
function unreadable(message: ConsumedMessage, detail: string, reason = 'bad-message'): ArchivedMessage {
  return {
    offset: message.offset,
    quarantine: {
      receivedAtMs: message.timestampMs,
      reason,
      detail: `${message.topic}: ${detail}`,
      payload: message.value,
      satelliteId: null,
      apid: null,
      stage: 'worker',
    },
  };
}

/** Reads a message by its contract and the version it names; a version or shape it cannot read is quarantined with the reason. */
function parse<N extends ContractName>(message: ConsumedMessage, contract: N) {
  const read = readEvent(contract, message);
  return read.ok ? ({ ok: true, value: read.value } as const) : ({ ok: false, record: unreadable(message, read.detail, read.reason) } as const);
}

export function archiveRecord(mdb: MissionDatabase, message: ConsumedMessage): ArchivedMessage {
  const { offset } = message;
  if (ALL_RAW_TOPICS.includes(message.topic)) return bronze(mdb, message);
  switch (message.topic) {
    case TOPICS.samples: {
      const frames = parse(message, 'sample-frame');
      return frames.ok ? { offset, ...silver(frames.value) } : frames.record;
    }
    case TOPICS.quarantine: {
      const q = parse(message, 'quarantine');
      if (!q.ok) return q.record;
      const { stage, reason, detail, receivedAtMs, source, payloadBase64, satelliteId, apid, origin, parameterId } = q.value;
      return {
        offset,
        quarantine: {
          receivedAtMs,
          reason,
          detail: `${stage} (${source}): ${detail}`,
          payload: Buffer.from(payloadBase64, 'base64'),
          satelliteId,
          apid,
          stage,
          ...(origin ? { origin } : {}),
          ...(parameterId === undefined ? {} : { parameterId }),
        },
      };
    }
    case TOPICS.alerts: {
      const event = readAlertsTopicEvent(message);
      if (!event.ok) return unreadable(message, event.detail, event.reason);
      // Operators' transitions are stored and audited by the console that made them: checked, not stored again.
      return event.contract === 'alarm-transition' ? { offset } : { offset, alert: event.value };
    }
    case TOPICS.groundStationEvents: {
      const event = parse(message, 'ground-station-event');
      return event.ok ? { offset, groundStationEvent: event.value } : event.record;
    }
    default:
      throw new RangeError(`the archiver does not consume ${message.topic}`);
  }
}

/** Bronze keeps every packet on a raw topic as received; its header fields are read, not trusted. */
function bronze(mdb: MissionDatabase, message: ConsumedMessage): ArchivedMessage {
  const bytes = message.value;
  if (bytes.length >= PRIMARY_HEADER_BYTES && mdb.layoutsOf(readPrimaryHeader(bytes).apid)[0]?.header === 'ccsds') return bronzeCcsds(mdb, message);
  if (bytes.length < PRIMARY_HEADER_BYTES + SECONDARY_HEADER_BYTES) {
    return unreadable(message, `${bytes.length} bytes cannot hold the packet headers`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const primary = readPrimaryHeader(bytes);
  const secondary = readSecondaryHeader(view, mdb.epochMs);
  const reception = readReception(message.headers);
  return {
    offset: message.offset,
    rawPacket: {
      receivedAtMs: arrivalOf(message, reception),
      satelliteId: secondary.satelliteId,
      apid: primary.apid,
      sequenceCount: primary.sequenceCount,
      onboardTimeMs: secondary.onboardTimeMs,
      groundStation: reception.groundStation ?? null,
      packet: bytes,
    },
  };
}

/**
 * A packet with only a primary header keeps its spacecraft and onboard time
 * where the mission database says, so it is decoded to find them.
 */
function bronzeCcsds(mdb: MissionDatabase, message: ConsumedMessage): ArchivedMessage {
  const reception = readReception(message.headers);
  const receivedAtMs = arrivalOf(message, reception);
  const decoded = decodePacket(mdb, message.value, { topic: message.topic, partition: message.partition, offset: message.offset }, { arrivalMs: receivedAtMs });
  if (!decoded.ok) return unreadable(message, decoded.error.message, decoded.error.reason);
  const { layout, satelliteId, sequenceCount, onboardTimeMs } = decoded.packet;
  return {
    offset: message.offset,
    rawPacket: {
      receivedAtMs,
      satelliteId,
      apid: layout.apid,
      sequenceCount,
      onboardTimeMs,
      groundStation: reception.groundStation ?? null,
      packet: message.value,
    },
  };
}

/** Quality flags of a frame's samples. */
function qualityOf(frame: SampleFrame): number {
  return (frame.receivedOnboardTimeMs === undefined ? 0 : SAMPLE_QUALITY.timeRepaired) | (frame.playback ? SAMPLE_QUALITY.playback : 0);
}

/**
 * The silver samples of processed frames, with their quality flags: what the
 * archive stores for them, live or reprocessed from bronze.
 */
export function sampleColumnsOf(frames: readonly SampleFrame[]): SampleColumns {
  let capacity = 0;
  for (const frame of frames) capacity += frame.parameterIds.length;
  const samples = new SampleColumnsBuilder(capacity);
  for (const frame of frames) {
    const quality = qualityOf(frame);
    const { parameterIds, values, rawValues, onboardTimeMs, satelliteId } = frame;
    for (let i = 0; i < parameterIds.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      samples.push(onboardTimeMs, satelliteId, parameterIds[i]!, value, rawValues?.[i] ?? value, quality);
    }
  }
  return samples.build();
}

/** The silver samples and packet context of the frames one message carries. */
function silver(frames: readonly SampleFrame[]): Pick<ArchivedMessage, 'samples' | 'packets'> {
  const samples = sampleColumnsOf(frames);
  const packets: PacketRecord[] = [];
  for (const frame of frames) {
    if (frame.source && frame.context) {
      packets.push({
        satelliteId: frame.satelliteId,
        apid: frame.apid,
        sequenceCount: frame.sequenceCount,
        onboardTimeMs: frame.onboardTimeMs,
        receivedOnboardTimeMs: frame.receivedOnboardTimeMs ?? null,
        arrivalMs: frame.arrivalMs,
        groundStation: frame.groundStation ?? null,
        mode: frame.context.mode,
        orbit: frame.context.orbit,
        calibrationVersion: frame.context.calibrationVersion,
        playback: frame.playback ?? false,
        source: frame.source,
      });
    }
  }
  return packets.length > 0 ? { samples, packets } : { samples };
}
