/**
 * How a consumed raw-topic message becomes telemetry-pipeline input: the
 * packet bytes with where they sit in the log and what the gateway stamped
 * on them (arrival time, delivering station, playback lane).
 */
import type { RawPacketInput } from '../domain/stream/telemetry-pipeline';
import type { ConsumedMessage } from '../ports/bus';
import { readReception, type Reception } from '../raw-packet-headers';

/** Gateway arrival time from the message's reception, or the log's own timestamp for a message published without one. */
export function arrivalOf(message: ConsumedMessage, reception: Reception): number {
  return reception.arrivalMs ?? message.timestampMs;
}

export function rawPacketInput(message: ConsumedMessage): RawPacketInput {
  const reception = readReception(message.headers);
  return {
    bytes: message.value,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    arrivalMs: arrivalOf(message, reception),
    groundStation: reception.groundStation,
    playback: reception.playback,
  };
}
