/**
 * `perigee topology apply` against librdkafka's mock cluster: a real Kafka
 * protocol endpoint that cannot serve admin requests (its controller is not
 * one of its brokers). What is proven here: the cluster's state is read
 * (missing topics, partitions of existing ones), the plan follows the
 * declaration, every refused change is reported with the cluster's reason,
 * and the command explains why and exits non-zero. That a real broker
 * accepts the requests cannot be shown on this machine (no broker package).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaMockCluster, type KafkaMockCluster } from './testing/kafka-mock-cluster';
import { applyTopics } from './kafka-topology';
import { runTopology } from '../../commands/topology';
import { TOPOLOGY } from '../../topology';
import { TOPICS } from '../../topics';

let cluster: KafkaMockCluster;
beforeAll(async () => {
  cluster = await startKafkaMockCluster();
}, 30_000);
afterAll(() => cluster?.stop());

describe('Kafka topology apply', () => {
  it('reads an empty cluster, plans every topic, and explains that this cluster cannot create them', async () => {
    const report = await applyTopics({ brokers: cluster.brokers, clientId: 'topology-test', topics: TOPOLOGY.topics, dryRun: true });
    expect(report.before.map((t) => [t.name, t.partitions])).toEqual(TOPOLOGY.topics.map((t) => [t.name, null]));
    expect(report.actions.map((a) => `${a.kind} ${a.topic.name}`)).toEqual(TOPOLOGY.topics.map((t) => `create ${t.name}`));
    expect(report.applied).toEqual([]);
    expect(report.clusterProblem).toMatch(/names broker 0 as its controller, but its brokers are 1, 2, 3/);

    const out: string[] = [];
    const code = await runTopology(['apply'], { brokers: cluster.brokers, clientId: 'topology-test' }, { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(1);
    const text = out.join('');
    for (const t of TOPOLOGY.topics) expect(text).toContain(`create ${t.name} with ${t.partitions} partitions, retention.ms=${t.retentionMs}: REFUSED (`);
    expect(text).toContain('this cluster cannot apply the topology');
  }, 60_000);

  it('sees a topic the cluster created on first use with its own partition count, and plans growing it to the declared count', async () => {
    const kafka = new Kafka({ brokers: cluster.brokers, clientId: 'topology-test', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.samples, messages: [{ key: '101', value: '{}' }] });
    await producer.disconnect();

    const report = await applyTopics({ brokers: cluster.brokers, clientId: 'topology-test', topics: TOPOLOGY.topics });
    expect(report.before.find((t) => t.name === TOPICS.samples)).toEqual({ name: TOPICS.samples, partitions: 4, retentionMs: null });
    const grow = report.actions.find((a) => a.topic.name === TOPICS.samples);
    expect(grow).toMatchObject({ kind: 'add-partitions', from: 4 });
    expect(report.refused.map((r) => r.action)).toContain(grow);
    expect(report.refused.every((r) => r.reason.length > 0)).toBe(true);
  }, 60_000);
});
