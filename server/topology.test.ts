import { describe, expect, it } from 'vitest';
import { ARCHIVER_TOPICS } from './worker/archiver';
import { RAW_PACKET_TOPICS, TOPICS } from './topics';
import { TOPOLOGY, describeTopology, planTopics, stage, topologyDot, topologyLayers, validateTopology, type Topology } from './topology';

describe('topology', () => {
  it('declares every topic Perigee uses once, and every stage reads what some stage writes', () => {
    expect(validateTopology(TOPOLOGY)).toEqual([]);
    expect(TOPOLOGY.topics.map((t) => t.name).sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('is what the stages subscribe to', () => {
    // Both lanes together: every topic but the processor's window aggregates.
    expect([...ARCHIVER_TOPICS].sort()).toEqual(TOPOLOGY.topics.map((t) => t.name).filter((t) => t !== TOPICS.aggregates).sort());
    expect(stage('archiver-alarms').consumes).toEqual([TOPICS.alerts]);
    expect(stage('archiver').consumes).not.toContain(TOPICS.alerts);
    expect(stage('processor').consumes).toEqual(RAW_PACKET_TOPICS);
    expect(stage('live-feed').consumes).toEqual(RAW_PACKET_TOPICS);
    expect(stage('alarm-feed').consumes).toEqual([TOPICS.alerts]);
    expect(stage('processor-playback').consumes).toEqual([TOPICS.rawPlayback]);
    expect(() => stage('nope')).toThrow(/declares no stage "nope"/);
  });

  it('names every inconsistency', () => {
    const [first, ...others] = TOPOLOGY.topics;
    const broken: Topology = {
      topics: [{ ...first!, partitions: 0 }, first!, ...others.filter((t) => t.name !== TOPICS.aggregates), { ...others[0]!, name: TOPICS.aggregates, retentionMs: 5 }],
      stages: [
        ...TOPOLOGY.stages.filter((s) => s.id !== 'processor'),
        { ...stage('archiver'), id: 'copy', consumes: [TOPICS.samples] },
        { ...stage('live-feed'), id: 'orphan', group: null },
      ],
    };
    const problems = validateTopology(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        `topic ${first!.name} is declared 2 times`,
        `topic ${first!.name}: partitions must be 1..1000, got 0`,
        `topic ${TOPICS.aggregates}: retention must be at least an hour, got 5 ms`,
        'consumer group perigee-archiver is used by two stages',
        'stage orphan consumes topics but has no consumer group',
        `topic ${TOPICS.aggregates} is declared but no stage writes it`,
      ]),
    );
    expect(validateTopology({ topics: TOPOLOGY.topics.slice(1), stages: [] })).toContain(`topic ${first!.name} is used by Perigee but not declared`);
  });

  it('plans creating, growing and re-configuring topics, and reports what Kafka cannot shrink', () => {
    const [a, b, c, d] = TOPOLOGY.topics;
    const actions = planTopics([a!, b!, c!, d!], [
      { name: b!.name, partitions: 4, retentionMs: b!.retentionMs },
      { name: c!.name, partitions: c!.partitions, retentionMs: 1000 },
      { name: d!.name, partitions: d!.partitions + 4, retentionMs: null },
    ]);
    expect(actions.map((x) => [x.kind, x.topic.name])).toEqual([
      ['create', a!.name],
      ['add-partitions', b!.name],
      ['set-retention', c!.name],
      ['fewer-partitions-wanted', d!.name],
    ]);
    expect(planTopics([a!], [{ name: a!.name, partitions: a!.partitions, retentionMs: a!.retentionMs }])).toEqual([]);
  });

  it('lays the graph out in the order data flows: gateway, raw topics, processor, samples, archiver', () => {
    const layers = new Map(topologyLayers(TOPOLOGY).map((n) => [`${n.kind}:${n.id}`, n.layer]));
    expect(layers.get('stage:gateway')).toBe(0);
    expect(layers.get(`topic:${TOPICS.rawThermal}`)).toBe(1);
    expect(layers.get('stage:processor')).toBe(2);
    expect(layers.get('stage:live-feed')).toBe(2);
    expect(layers.get(`topic:${TOPICS.samples}`)).toBe(3);
    expect(layers.get('stage:archiver')).toBe(4);
  });

  it('prints as text and as Graphviz dot', () => {
    const text = describeTopology(TOPOLOGY);
    expect(text).toContain('  archiver [group perigee-archiver]: ');
    expect(text).toMatch(/telemetry\.raw\.thermal +12 partitions {2}retention 7 d/);
    const dot = topologyDot(TOPOLOGY);
    expect(dot).toContain('"topic:telemetry.samples" -> "stage:archiver";');
    expect(dot).toContain('"stage:processor" -> "topic:telemetry.alerts";');
    expect(dot.trim().endsWith('}')).toBe(true);
  });
});
