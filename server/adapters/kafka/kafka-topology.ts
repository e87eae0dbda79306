/**
 * Makes a Kafka cluster match the declared topology through kafkajs admin:
 * reads which topics exist with their partitions and retention, plans the
 * changes (planTopics) and applies them — create topics, add partitions, set
 * retention.ms — reporting each change the cluster refused with its reason,
 * and explaining a cluster that cannot serve admin requests at all (e.g.
 * librdkafka's mock cluster, which names a controller that is not one of its
 * brokers and auto-creates topics with 4 partitions instead).
 *
 * @example
 *   const report = await applyTopics({ brokers: ['127.0.0.1:9092'], clientId: 'perigee', topics: TOPOLOGY.topics });
 *   report.refused; // [] on a cluster that accepted everything
 */
// Before kafkajs: its Encoder's buffers then come from Node's pool.
import './kafkajs-pooled-encoder';
import { Kafka, logLevel, type ConfigResourceTypes } from 'kafkajs';
import { planTopics, type ActualTopic, type TopicAction, type TopicSpec } from '../../topology';

/** kafkajs's ConfigResourceTypes.TOPIC (its enum is not a named export of the CommonJS module). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

export interface ApplyTopicsOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly topics: readonly TopicSpec[];
  /** Replicas per partition for created topics; -1 leaves it to the brokers' default. */
  readonly replicationFactor?: number;
  /** Only read and plan, change nothing. */
  readonly dryRun?: boolean;
}

export interface ApplyTopicsReport {
  /** What the cluster held before any change. */
  readonly before: readonly ActualTopic[];
  readonly actions: readonly TopicAction[];
  readonly applied: readonly TopicAction[];
  readonly refused: readonly { readonly action: TopicAction; readonly reason: string }[];
  /** Why admin requests cannot work on this cluster, when that is known up front. */
  readonly clusterProblem: string | null;
}

export async function applyTopics({ brokers, clientId, topics, replicationFactor = -1, dryRun = false }: ApplyTopicsOptions): Promise<ApplyTopicsReport> {
  const kafka = new Kafka({ brokers: [...brokers], clientId, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const clusterProblem = cluster.brokers.some((b) => b.nodeId === cluster.controller)
      ? null
      : `the cluster names broker ${cluster.controller} as its controller, but its brokers are ${cluster.brokers.map((b) => b.nodeId).join(', ')}: ` +
        'admin requests (create topics, add partitions, change configs) go to the controller and cannot be served. ' +
        "librdkafka's mock cluster behaves so; it creates topics on first use with its own partition count instead.";

    const existing = new Set(await admin.listTopics());
    const wanted = topics.map((t) => t.name).filter((name) => existing.has(name));
    const partitions = new Map<string, number>();
    if (wanted.length > 0) {
      for (const t of (await admin.fetchTopicMetadata({ topics: wanted })).topics) partitions.set(t.name, t.partitions.length);
    }
    const retention = new Map<string, number>();
    if (wanted.length > 0 && clusterProblem === null) {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: wanted.map((name) => ({ type: TOPIC_RESOURCE, name, configNames: ['retention.ms'] })),
      });
      for (const r of described.resources) {
        const value = r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue;
        if (value !== undefined && /^-?\d+$/.test(value)) retention.set(r.resourceName, Number(value));
      }
    }
    const before: ActualTopic[] = topics.map((t) => ({ name: t.name, partitions: partitions.get(t.name) ?? null, retentionMs: retention.get(t.name) ?? null }));
    const actions = planTopics(topics, before);
    const applied: TopicAction[] = [];
    const refused: { action: TopicAction; reason: string }[] = [];
    if (!dryRun) {
      for (const action of actions) {
        try {
          await run(admin, action, replicationFactor);
          applied.push(action);
        } catch (error) {
          refused.push({ action, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        }
      }
    }
    return { before, actions, applied, refused, clusterProblem };
  } finally {
    await admin.disconnect();
  }
}

async function run(admin: ReturnType<Kafka['admin']>, action: TopicAction, replicationFactor: number): Promise<void> {
  const { topic } = action;
  switch (action.kind) {
    case 'create': {
      const created = await admin.createTopics({
        waitForLeaders: true,
        timeout: 10_000,
        topics: [{ topic: topic.name, numPartitions: topic.partitions, replicationFactor, configEntries: [{ name: 'retention.ms', value: String(topic.retentionMs) }] }],
      });
      if (!created) throw new Error('the topic already exists');
      return;
    }
    case 'add-partitions':
      await admin.createPartitions({ timeout: 10_000, topicPartitions: [{ topic: topic.name, count: topic.partitions }] });
      return;
    case 'set-retention':
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: TOPIC_RESOURCE, name: topic.name, configEntries: [{ name: 'retention.ms', value: String(topic.retentionMs) }] }],
      });
      return;
    case 'fewer-partitions-wanted':
      throw new Error(`Kafka cannot remove partitions: the topic has ${action.actual}, the topology declares ${topic.partitions}; recreate it to shrink it`);
  }
}
