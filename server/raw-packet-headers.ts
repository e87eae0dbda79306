/**
 * What the ingest gateway stamps on each raw packet it publishes: arrival
 * time, the delivering ground station, the transport and peer it came from,
 * and whether it was played back from an onboard recorder. They travel in one
 * message header, `perigee-reception`, a JSON object:
 *
 *   {"arrivalMs":1764000000000,"groundStation":"svalbard","source":"tcp:10.0.0.7:50122","playback":true}
 *
 * One header instead of one per field: kafkajs encodes each header with an
 * encoder and buffers of its own, and a packet with four of them took 1.9
 * times as long to encode as with one (1,000 packets a send). Readers still
 * take the separate headers of older logs and other producers.
 *
 * @example
 *   producer.send(topic, [{ key: '101', value, headers: receptionHeaders({ arrivalMs: Date.now(), groundStation: 'svalbard', playback: false }) }]);
 *   readReception(message.headers); // { arrivalMs: 1764000000000, groundStation: 'svalbard', source: undefined, playback: false }
 */
import { HEADERS } from './topics';

export interface Reception {
  /** Gateway arrival time, epoch ms; undefined when the message carries none. */
  readonly arrivalMs: number | undefined;
  readonly groundStation: string | undefined;
  /** Transport and peer, e.g. tcp:127.0.0.1:50122. */
  readonly source: string | undefined;
  readonly playback: boolean;
}

export function receptionHeaders({ arrivalMs, groundStation, source, playback }: { arrivalMs: number; groundStation?: string; source?: string; playback?: boolean }): Record<string, string> {
  return {
    [HEADERS.reception]: JSON.stringify({
      arrivalMs,
      ...(groundStation === undefined ? {} : { groundStation }),
      ...(source === undefined ? {} : { source }),
      ...(playback ? { playback: true } : {}),
    }),
  };
}

/**
 * The reception a raw message carries: its `perigee-reception` header, or
 * the separate headers when it has none. A reception header that is not a
 * JSON object of the fields above counts as absent, as does an arrival time
 * that is not a positive number.
 */
export function readReception(headers: Readonly<Record<string, string | undefined>>): Reception {
  const folded = headers[HEADERS.reception];
  if (folded !== undefined) {
    const reception = parseReception(folded);
    if (reception) return reception;
  }
  return {
    arrivalMs: positive(Number(headers[HEADERS.arrivalMs])),
    groundStation: headers[HEADERS.groundStation],
    source: headers[HEADERS.source],
    playback: headers[HEADERS.playback] === '1',
  };
}

function parseReception(text: string): Reception | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { arrivalMs, groundStation, source, playback } = value as Record<string, unknown>;
  if (arrivalMs !== undefined && typeof arrivalMs !== 'number') return undefined;
  if (groundStation !== undefined && typeof groundStation !== 'string') return undefined;
  if (source !== undefined && typeof source !== 'string') return undefined;
  if (playback !== undefined && typeof playback !== 'boolean') return undefined;
  return { arrivalMs: positive(arrivalMs), groundStation, source, playback: playback === true };
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
