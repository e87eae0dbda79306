/**
 * Turns one consumed message into what the archive stores and what the live
 * feed shows. Pure: decoding and validation only, no I/O.
 *
 *   raw topics             → bronze packet + silver samples + a SampleFrame, or a quarantine record
 *   ground-station.events  → a ground-station event, or a quarantine record
 *   telemetry.quarantine   → the quarantine record the gateway published
 */
import { decodePacket } from '../domain/codec/packet-codec';
import { groundStationEventSchema } from '../domain/ground-station-event';
import type { MissionDatabase } from '../domain/mission/mission-database';
import { quarantineMessageSchema } from '../domain/quarantine-message';
import type { SampleFrame } from '../domain/sample-frame';
import type { ConsumedMessage } from '../ports/bus';
import type { ArchivedMessage, QuarantineRecord, SampleRecord } from '../ports/telemetry-store';
import { HEADERS, RAW_PACKET_TOPICS, TOPICS } from '../topics';

export interface MessageOutcome {
  readonly archived: ArchivedMessage;
  /** Set for a packet that decoded cleanly. */
  readonly frame?: SampleFrame;
}

function arrivalOf(message: ConsumedMessage): number {
  const header = Number(message.headers[HEADERS.arrivalMs]);
  return Number.isFinite(header) && header > 0 ? header : message.timestampMs;
}

function quarantined(message: ConsumedMessage, fields: Omit<QuarantineRecord, 'receivedAtMs' | 'payload'>): MessageOutcome {
  return { archived: { offset: message.offset, quarantine: { receivedAtMs: arrivalOf(message), payload: message.value, ...fields } } };
}

export function archiveMessage(mdb: MissionDatabase, message: ConsumedMessage): MessageOutcome {
  if (RAW_PACKET_TOPICS.includes(message.topic)) return archivePacket(mdb, message);
  if (message.topic === TOPICS.groundStationEvents) return archiveEvent(message);
  if (message.topic === TOPICS.quarantine) return archiveQuarantine(message);
  throw new RangeError(`the archive worker does not consume ${message.topic}`);
}

function archivePacket(mdb: MissionDatabase, message: ConsumedMessage): MessageOutcome {
  const { topic, partition, offset } = message;
  const result = decodePacket(mdb, message.value, { topic, partition, offset });
  if (!result.ok) {
    const { reason, message: detail, apid } = result.error;
    return quarantined(message, { reason, detail, satelliteId: null, apid: apid ?? null });
  }
  const { layout, satelliteId, sequenceCount, onboardTimeMs, raw, values } = result.packet;
  if (layout.topic !== topic) {
    const detail = `APID ${layout.apid} belongs on ${layout.topic}, arrived on ${topic}`;
    return quarantined(message, { reason: 'wrong-topic', detail, satelliteId, apid: layout.apid });
  }
  const badIndex = values.findIndex((v) => !Number.isFinite(v));
  if (badIndex !== -1) {
    const detail = `${layout.parameters[badIndex]!.name} is ${values[badIndex]}`;
    return quarantined(message, { reason: 'non-finite-value', detail, satelliteId, apid: layout.apid });
  }
  const receivedAtMs = arrivalOf(message);
  const samples: SampleRecord[] = layout.parameters.map((p, i) => ({
    timeMs: onboardTimeMs,
    satelliteId,
    parameterId: p.id,
    value: values[i]!,
    rawValue: raw[i]!,
    quality: 0,
  }));
  return {
    archived: {
      offset,
      rawPacket: {
        receivedAtMs,
        satelliteId,
        apid: layout.apid,
        sequenceCount,
        onboardTimeMs,
        groundStation: message.headers[HEADERS.groundStation] ?? null,
        packet: message.value,
      },
      samples,
    },
    frame: {
      satelliteId,
      subsystem: layout.subsystem,
      apid: layout.apid,
      sequenceCount,
      onboardTimeMs,
      arrivalMs: receivedAtMs,
      parameterIds: layout.parameters.map((p) => p.id),
      values: [...values],
    },
  };
}

function parseJson(value: Buffer): { ok: true; value: unknown } | { ok: false; detail: string } {
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    return { ok: false, detail: `not JSON: ${(error as Error).message}` };
  }
}

function archiveEvent(message: ConsumedMessage): MessageOutcome {
  const json = parseJson(message.value);
  if (!json.ok) return quarantined(message, { reason: 'bad-event', detail: json.detail, satelliteId: null, apid: null });
  const event = groundStationEventSchema.safeParse(json.value);
  if (!event.success) {
    const issue = event.error.issues[0]!;
    const detail = `invalid ground-station event at ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    return quarantined(message, { reason: 'bad-event', detail, satelliteId: null, apid: null });
  }
  return { archived: { offset: message.offset, groundStationEvent: event.data } };
}

function archiveQuarantine(message: ConsumedMessage): MessageOutcome {
  const json = parseJson(message.value);
  const parsed = json.ok ? quarantineMessageSchema.safeParse(json.value) : undefined;
  if (!parsed?.success) {
    const detail = json.ok ? 'message on telemetry.quarantine does not match its schema' : json.detail;
    return quarantined(message, { reason: 'bad-quarantine-message', detail, satelliteId: null, apid: null });
  }
  const q = parsed.data;
  return {
    archived: {
      offset: message.offset,
      quarantine: {
        receivedAtMs: q.receivedAtMs,
        reason: q.reason,
        detail: `${q.stage} (${q.source}): ${q.detail}`,
        payload: Buffer.from(q.payloadBase64, 'base64'),
        satelliteId: q.satelliteId,
        apid: q.apid,
      },
    },
  };
}
