/**
 * How a consumed raw-topic message becomes telemetry-pipeline input: the
 * packet bytes with where they sit in the log and what the gateway stamped
 * on them (arrival time, delivering station, playback lane).
 */
import type { RawPacketInput } from '../domain/stream/telemetry-pipeline';
import type { ConsumedMessage } from '../ports/bus';
import { HEADERS } from '../topics';

/** Gateway arrival time, or the log's own timestamp for a message published without one. */
export function arrivalOf(message: ConsumedMessage): number {
  const header = Number(message.headers[HEADERS.arrivalMs]);
  return Number.isFinite(header) && header > 0 ? header : message.timestampMs;
}

export function rawPacketInput(message: ConsumedMessage): RawPacketInput {
  return {
    bytes: message.value,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    arrivalMs: arrivalOf(message),
    groundStation: message.headers[HEADERS.groundStation],
    playback: message.headers[HEADERS.playback] === '1',
  };
}
