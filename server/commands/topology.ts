/**
 * `perigee topology show|check|apply`: the pipeline declared in
 * server/topology.ts, printed (text, Graphviz dot or JSON), checked for
 * consistency, or applied to the Kafka cluster in KAFKA_BROKERS.
 *
 * @example
 *   perigee topology show --format dot | dot -Tsvg > pipeline.svg
 *   KAFKA_BROKERS=kafka-1:9092 perigee topology apply --dry-run
 */
import { applyTopics, type ApplyTopicsReport } from '../adapters/kafka/kafka-topology';
import { MissionControlError } from '../errors';
import { TOPOLOGY, describeTopology, topologyDot, validateTopology, type TopicAction } from '../topology';

export const TOPOLOGY_USAGE = `usage: perigee topology show [--format text|dot|json]
       perigee topology check
       perigee topology apply [--dry-run]      (needs KAFKA_BROKERS)
`;

export interface TopologyIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs a topology subcommand; returns the exit code. Kafka settings come from the validated config. */
export async function runTopology(args: readonly string[], kafka: { readonly brokers: readonly string[] | undefined; readonly clientId: string }, io: TopologyIo): Promise<number> {
  const [sub, ...rest] = args;
  const problems = validateTopology(TOPOLOGY);
  switch (sub) {
    case 'show': {
      const format = option(rest, '--format') ?? 'text';
      if (format === 'text') io.out(describeTopology(TOPOLOGY));
      else if (format === 'dot') io.out(topologyDot(TOPOLOGY));
      else if (format === 'json') io.out(`${JSON.stringify(TOPOLOGY, null, 2)}\n`);
      else throw new MissionControlError(`unknown format "${format}": text, dot or json\n${TOPOLOGY_USAGE}`);
      return 0;
    }
    case 'check':
      if (problems.length === 0) {
        io.out(`topology is consistent: ${TOPOLOGY.topics.length} topics, ${TOPOLOGY.stages.length} stages\n`);
        return 0;
      }
      io.err(`topology has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}\n`).join('')}`);
      return 1;
    case 'apply': {
      if (problems.length > 0) {
        io.err(`refusing to apply an inconsistent topology:\n${problems.map((p) => `  - ${p}\n`).join('')}`);
        return 1;
      }
      if (!kafka.brokers) throw new MissionControlError('perigee topology apply needs KAFKA_BROKERS (host:port,...): the in-process bus has no topics to create');
      const dryRun = rest.includes('--dry-run');
      const report = await applyTopics({ brokers: kafka.brokers, clientId: kafka.clientId, topics: TOPOLOGY.topics, dryRun });
      io.out(formatReport(report, dryRun));
      return report.refused.length > 0 ? 1 : 0;
    }
    default:
      throw new MissionControlError(`expected show, check or apply\n${TOPOLOGY_USAGE}`);
  }
}

function option(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i]!.startsWith(`${name}=`)) return args[i]!.slice(name.length + 1);
  }
  return undefined;
}

function describeAction(action: TopicAction): string {
  const { topic } = action;
  switch (action.kind) {
    case 'create':
      return `create ${topic.name} with ${topic.partitions} partitions, retention.ms=${topic.retentionMs}`;
    case 'add-partitions':
      return `add partitions to ${topic.name}: ${action.from} → ${topic.partitions}`;
    case 'set-retention':
      return `set retention.ms of ${topic.name}: ${action.from} → ${topic.retentionMs}`;
    case 'fewer-partitions-wanted':
      return `${topic.name} has ${action.actual} partitions, more than the ${topic.partitions} declared`;
  }
}

/** The report as a person reads it: the cluster's state per topic, each change, each refusal with its reason. */
export function formatReport(report: ApplyTopicsReport, dryRun: boolean): string {
  const lines: string[] = ['topic                                     partitions  retention.ms'];
  for (const t of report.before) {
    lines.push(`  ${t.name.padEnd(40)} ${String(t.partitions ?? 'missing').padStart(9)}  ${t.retentionMs ?? (t.partitions === null ? '' : 'unknown')}`);
  }
  lines.push('');
  if (report.actions.length === 0) lines.push('the cluster matches the topology: nothing to change');
  for (const action of report.actions) {
    const refusal = report.refused.find((r) => r.action === action);
    const verdict = dryRun ? 'planned' : refusal ? `REFUSED (${refusal.reason})` : 'done';
    lines.push(`${describeAction(action)}: ${verdict}`);
  }
  if (report.clusterProblem) lines.push('', `this cluster cannot apply the topology: ${report.clusterProblem}`);
  return `${lines.join('\n')}\n`;
}
