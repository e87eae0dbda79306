/**
 * The pipeline as code: every topic with its partitions, retention and key,
 * every stage with the process that runs it, its consumer group and what it
 * reads and writes. The stages subscribe to what is declared here, `perigee
 * topology apply` creates the topics from it, `perigee topology show` and the
 * ops page draw it, and `validateTopology` keeps it consistent (every topic
 * read is written by someone, every topic is declared once, groups unique).
 *
 * Topic names stay in topics.ts; consumer group ids are the defaults of the
 * *_GROUP_ID settings (server/config.ts), which name them per deployment.
 *
 * @example
 *   TOPOLOGY.stages.find((s) => s.id === 'archiver')!.consumes; // ['telemetry.raw.attitude-control', …]
 */
import { ALL_RAW_TOPICS, RAW_PACKET_TOPICS, TOPICS, type Topic } from './topics';

export type ProcessRole = 'ingest' | 'worker' | 'web';

export interface TopicSpec {
  readonly name: Topic;
  readonly partitions: number;
  readonly retentionMs: number;
  /** What messages are keyed by (which decides their partition and order). */
  readonly key: string;
  readonly carries: string;
}

export interface StageSpec {
  readonly id: string;
  readonly process: ProcessRole;
  readonly description: string;
  /** Consumer group, for stages that consume; `<node>` is replaced by the web node's id. */
  readonly group: string | null;
  readonly consumes: readonly Topic[];
  readonly produces: readonly Topic[];
  /** What the stage takes in or hands out outside the bus (sockets, database tables). */
  readonly external: { readonly in: readonly string[]; readonly out: readonly string[] };
}

export interface Topology {
  readonly topics: readonly TopicSpec[];
  readonly stages: readonly StageSpec[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const TOPOLOGY: Topology = {
  topics: [
    { name: TOPICS.rawAttitude, partitions: 12, retentionMs: 7 * DAY_MS, key: 'satellite id', carries: 'CCSDS space packets of the attitude APIDs, 10 Hz per satellite' },
    { name: TOPICS.rawThermal, partitions: 12, retentionMs: 7 * DAY_MS, key: 'satellite id', carries: 'CCSDS space packets of the thermal APIDs, 1 Hz per satellite' },
    { name: TOPICS.rawPower, partitions: 12, retentionMs: 7 * DAY_MS, key: 'satellite id', carries: 'CCSDS space packets of the power APIDs, 5 Hz per satellite' },
    { name: TOPICS.rawPackets, partitions: 12, retentionMs: 7 * DAY_MS, key: 'satellite id', carries: 'CCSDS space packets of subsystems without a topic of their own (imported mission databases)' },
    { name: TOPICS.rawPlayback, partitions: 12, retentionMs: 7 * DAY_MS, key: 'satellite id', carries: 'recorder dumps played back during passes, every APID' },
    { name: TOPICS.groundStationEvents, partitions: 4, retentionMs: 30 * DAY_MS, key: 'satellite id', carries: 'AOS, LOS and link events of the ground stations (JSON)' },
    { name: TOPICS.samples, partitions: 12, retentionMs: 2 * DAY_MS, key: 'satellite id', carries: 'decoded, validated, calibrated and enriched sample frames, one binary message per satellite and processor batch (sample-frame@2)' },
    { name: TOPICS.aggregates, partitions: 12, retentionMs: 2 * DAY_MS, key: 'satellite id', carries: 'closed event-time window aggregates per parameter, late updates included, one binary message per satellite and processor batch (window-aggregate@2)' },
    { name: TOPICS.alerts, partitions: 4, retentionMs: 30 * DAY_MS, key: 'satellite id', carries: "alerts of the stream rules and limit checks, and operators' alarm transitions (JSON)" },
    { name: TOPICS.quarantine, partitions: 4, retentionMs: 30 * DAY_MS, key: 'satellite id', carries: 'refused packets and samples with their reason and raw bytes (JSON)' },
  ],
  stages: [
    {
      id: 'gateway',
      process: 'ingest',
      description: 'frames CCSDS packets from ground-station links, routes them by APID',
      group: null,
      consumes: [],
      produces: [...ALL_RAW_TOPICS, TOPICS.groundStationEvents, TOPICS.quarantine],
      external: { in: ['packets (TCP, UDP)', 'station events (JSON lines)'], out: [] },
    },
    {
      id: 'processor',
      process: 'worker',
      description: 'decode, validate, dedupe, repair clocks, calibrate, enrich, windows, rules',
      group: 'perigee-processor',
      consumes: RAW_PACKET_TOPICS,
      produces: [TOPICS.samples, TOPICS.aggregates, TOPICS.alerts, TOPICS.quarantine],
      external: { in: [], out: [] },
    },
    {
      id: 'processor-playback',
      process: 'worker',
      description: 'the playback lane: decode, validate, calibrate; no live windows or rules',
      group: 'perigee-processor-playback',
      consumes: [TOPICS.rawPlayback],
      produces: [TOPICS.samples, TOPICS.quarantine],
      external: { in: [], out: [] },
    },
    {
      id: 'archiver',
      process: 'worker',
      description: 'bronze, silver and gold, quarantine and station events into TimescaleDB, offsets in the same transaction',
      group: 'perigee-archiver',
      consumes: [...ALL_RAW_TOPICS, TOPICS.samples, TOPICS.quarantine, TOPICS.groundStationEvents],
      produces: [],
      external: { in: [], out: ['TimescaleDB'] },
    },
    {
      id: 'archiver-alarms',
      process: 'worker',
      description: "the archive's alarm lane: alerts into alarms and alarm events, never queued behind a pass dump's samples",
      group: 'perigee-archiver-alarms',
      consumes: [TOPICS.alerts],
      produces: [],
      external: { in: [], out: ['TimescaleDB'] },
    },
    {
      id: 'alarm-desk',
      process: 'web',
      description: "operators' alarm actions: applied through the state machine, audited, told to every console and published",
      group: null,
      consumes: [],
      produces: [TOPICS.alerts],
      external: { in: ['console actions (HTTP)'], out: ['TimescaleDB', 'Socket.IO consoles'] },
    },
    {
      id: 'alarm-feed',
      process: 'web',
      description: 'tells the consoles of alerts and alarm transitions the moment they are published, ahead of the archive',
      group: 'perigee-alarms-<node>',
      consumes: [TOPICS.alerts],
      produces: [],
      external: { in: [], out: ['Socket.IO consoles'] },
    },
    {
      id: 'live-feed',
      process: 'web',
      description: 'coalesces real-time packets into frames per satellite and subsystem for the consoles',
      group: 'perigee-live-<node>',
      consumes: RAW_PACKET_TOPICS,
      produces: [],
      external: { in: [], out: ['Socket.IO consoles'] },
    },
  ],
};

/** The declared stage; throws for an id the topology does not declare (a programming error). */
export function stage(id: string): StageSpec {
  const found = TOPOLOGY.stages.find((s) => s.id === id);
  if (!found) throw new Error(`the topology declares no stage "${id}"`);
  return found;
}

/** Every inconsistency of a topology, as sentences; empty when it is sound. */
export function validateTopology(topology: Topology, knownTopics: readonly string[] = Object.values(TOPICS)): string[] {
  const problems: string[] = [];
  const declared = new Map<string, number>();
  for (const t of topology.topics) declared.set(t.name, (declared.get(t.name) ?? 0) + 1);
  for (const [name, count] of declared) if (count > 1) problems.push(`topic ${name} is declared ${count} times`);
  for (const name of knownTopics) if (!declared.has(name)) problems.push(`topic ${name} is used by Perigee but not declared`);
  for (const t of topology.topics) {
    if (!Number.isInteger(t.partitions) || t.partitions < 1 || t.partitions > 1000) problems.push(`topic ${t.name}: partitions must be 1..1000, got ${t.partitions}`);
    if (!(t.retentionMs >= HOUR_MS)) problems.push(`topic ${t.name}: retention must be at least an hour, got ${t.retentionMs} ms`);
  }
  const ids = new Set<string>();
  const groups = new Set<string>();
  for (const s of topology.stages) {
    if (ids.has(s.id)) problems.push(`stage ${s.id} is declared twice`);
    ids.add(s.id);
    if (s.group !== null) {
      if (groups.has(s.group)) problems.push(`consumer group ${s.group} is used by two stages`);
      groups.add(s.group);
    }
    if (s.consumes.length > 0 && s.group === null) problems.push(`stage ${s.id} consumes topics but has no consumer group`);
    for (const t of [...s.consumes, ...s.produces]) if (!declared.has(t)) problems.push(`stage ${s.id} uses undeclared topic ${t}`);
  }
  for (const t of topology.topics) {
    if (!topology.stages.some((s) => s.produces.includes(t.name))) problems.push(`topic ${t.name} is declared but no stage writes it`);
  }
  return problems;
}

export interface ActualTopic {
  readonly name: string;
  /** null when the topic does not exist. */
  readonly partitions: number | null;
  /** null when unknown (the cluster would not say). */
  readonly retentionMs: number | null;
}

export type TopicAction =
  | { readonly kind: 'create'; readonly topic: TopicSpec }
  | { readonly kind: 'add-partitions'; readonly topic: TopicSpec; readonly from: number }
  | { readonly kind: 'set-retention'; readonly topic: TopicSpec; readonly from: number }
  | { readonly kind: 'fewer-partitions-wanted'; readonly topic: TopicSpec; readonly actual: number };

/**
 * What it takes to make a cluster match the declaration: create missing
 * topics, add partitions, set retention. Kafka cannot remove partitions, so
 * a topic with more than declared is reported, not changed.
 */
export function planTopics(declared: readonly TopicSpec[], actual: readonly ActualTopic[]): TopicAction[] {
  const byName = new Map(actual.map((a) => [a.name, a]));
  const actions: TopicAction[] = [];
  for (const topic of declared) {
    const found = byName.get(topic.name);
    if (!found || found.partitions === null) {
      actions.push({ kind: 'create', topic });
      continue;
    }
    if (found.partitions < topic.partitions) actions.push({ kind: 'add-partitions', topic, from: found.partitions });
    else if (found.partitions > topic.partitions) actions.push({ kind: 'fewer-partitions-wanted', topic, actual: found.partitions });
    if (found.retentionMs !== null && found.retentionMs !== topic.retentionMs) actions.push({ kind: 'set-retention', topic, from: found.retentionMs });
  }
  return actions;
}

const duration = (ms: number) => (ms % DAY_MS === 0 ? `${ms / DAY_MS} d` : ms % HOUR_MS === 0 ? `${ms / HOUR_MS} h` : `${ms} ms`);

/** The topology as text: processes, their stages with groups and flows, then the topics. */
export function describeTopology(topology: Topology): string {
  const lines: string[] = ['Perigee pipeline (server/topology.ts)', ''];
  for (const process of ['ingest', 'worker', 'web'] as const) {
    lines.push(`process ${process}`);
    for (const s of topology.stages.filter((x) => x.process === process)) {
      lines.push(`  ${s.id}${s.group ? ` [group ${s.group}]` : ''}: ${s.description}`);
      const inputs = [...s.external.in, ...s.consumes];
      const outputs = [...s.produces, ...s.external.out];
      lines.push(`    reads  ${inputs.length ? inputs.join(', ') : '—'}`);
      lines.push(`    writes ${outputs.length ? outputs.join(', ') : '—'}`);
    }
    lines.push('');
  }
  lines.push('topics');
  const width = Math.max(...topology.topics.map((t) => t.name.length));
  for (const t of topology.topics) {
    lines.push(`  ${t.name.padEnd(width)}  ${String(t.partitions).padStart(3)} partitions  retention ${duration(t.retentionMs).padEnd(5)}  key ${t.key}: ${t.carries}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The topology in Graphviz dot: stages as boxes, topics as ellipses, arrows as data flows. */
export function topologyDot(topology: Topology): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = ['digraph perigee {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const process of ['ingest', 'worker', 'web'] as const) {
    lines.push(`  subgraph ${q(`cluster_${process}`)} {`, `    label=${q(`perigee ${process}`)};`);
    for (const s of topology.stages.filter((x) => x.process === process)) lines.push(`    ${q(`stage:${s.id}`)} [shape=box, label=${q(s.id)}];`);
    lines.push('  }');
  }
  for (const t of topology.topics) lines.push(`  ${q(`topic:${t.name}`)} [shape=ellipse, label=${q(`${t.name}\\n${t.partitions} partitions`)}];`);
  for (const s of topology.stages) {
    for (const t of s.consumes) lines.push(`  ${q(`topic:${t}`)} -> ${q(`stage:${s.id}`)};`);
    for (const t of s.produces) lines.push(`  ${q(`stage:${s.id}`)} -> ${q(`topic:${t}`)};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * Columns for drawing the graph left to right: each node's column is the
 * longest path of data flow leading to it (gateway first, archiver last).
 */
export function topologyLayers(topology: Topology): { readonly id: string; readonly kind: 'stage' | 'topic'; readonly layer: number }[] {
  const layer = new Map<string, number>();
  const key = (kind: 'stage' | 'topic', id: string) => `${kind}:${id}`;
  for (const s of topology.stages) layer.set(key('stage', s.id), 0);
  for (const t of topology.topics) layer.set(key('topic', t.name), 0);
  // Longest path by relaxation: the graph is a DAG of at most a few dozen nodes.
  for (let round = 0; round < topology.stages.length + topology.topics.length; round++) {
    let changed = false;
    for (const s of topology.stages) {
      const at = key('stage', s.id);
      for (const t of s.consumes) {
        const want = layer.get(key('topic', t))! + 1;
        if (want > layer.get(at)!) (layer.set(at, want), (changed = true));
      }
      for (const t of s.produces) {
        const to = key('topic', t);
        const want = layer.get(at)! + 1;
        if (want > layer.get(to)!) (layer.set(to, want), (changed = true));
      }
    }
    if (!changed) break;
  }
  return [...layer].map(([k, l]) => {
    const [kind, ...rest] = k.split(':');
    return { id: rest.join(':'), kind: kind as 'stage' | 'topic', layer: l };
  });
}
