/**
 * Every topic Perigee reads or writes, in one place. A name outside this map
 * is rejected at the boundary with UnknownTopicError, so a typo can never
 * become a silent no-op subscription.
 */
import { UnknownTopicError } from './errors';

export const TOPICS = {
  rawAttitude: 'telemetry.raw.attitude-control',
  rawThermal: 'telemetry.raw.thermal',
  rawPower: 'telemetry.raw.power',
  /** Real-time packets of subsystems without a lane of their own, e.g. those of an imported mission database. */
  rawPackets: 'telemetry.raw.packets',
  /** Packets played back from onboard recorders during passes: a lane of their own, so a dump never delays live data. */
  rawPlayback: 'telemetry.raw.playback',
  groundStationEvents: 'ground-station.events',
  samples: 'telemetry.samples',
  aggregates: 'telemetry.aggregates',
  alerts: 'telemetry.alerts',
  quarantine: 'telemetry.quarantine',
} as const;

export type TopicKey = keyof typeof TOPICS;
export type Topic = (typeof TOPICS)[TopicKey];

/** Topics that carry real-time CCSDS space packets as received. */
export const RAW_PACKET_TOPICS: readonly Topic[] = [TOPICS.rawAttitude, TOPICS.rawThermal, TOPICS.rawPower, TOPICS.rawPackets];

/** Every topic carrying CCSDS space packets as received, the playback lane included (bronze). */
export const ALL_RAW_TOPICS: readonly Topic[] = [...RAW_PACKET_TOPICS, TOPICS.rawPlayback];

const ALL_TOPICS: ReadonlySet<string> = new Set(Object.values(TOPICS));

export function isTopic(name: string): name is Topic {
  return ALL_TOPICS.has(name);
}

/** Returns the name as a Topic, or throws UnknownTopicError. */
export function assertTopic(name: string): Topic {
  if (!isTopic(name)) throw new UnknownTopicError(name);
  return name;
}

/**
 * Message header names on raw topics. The ingest gateway sets only
 * `reception` (raw-packet-headers.ts); the others are what it set before,
 * still read from older logs and other producers.
 */
export const HEADERS = {
  /** What the gateway knew of a packet's reception, as one JSON object: arrival time, station, source, playback. */
  reception: 'perigee-reception',
  /** Gateway arrival time, epoch milliseconds as a decimal string. */
  arrivalMs: 'perigee-arrival-ms',
  /** Ground station (or relay) that delivered the packet. */
  groundStation: 'perigee-ground-station',
  /** Transport and peer the packet came from, e.g. tcp:127.0.0.1:50122. */
  source: 'perigee-source',
  /** "1" on packets recorded onboard and dumped during a pass (playback), absent on real-time ones. */
  playback: 'perigee-playback',
} as const;
