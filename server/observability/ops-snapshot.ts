/**
 * The ops view of one process, built from its Prometheus registry: lag per
 * consumer group and partition, throughput as rates, latency percentiles,
 * quarantine counts and a state per stage. Pure: the registry's JSON
 * (`metrics.families()`), the previous snapshot's counters and the
 * time go in, a JSON-serialisable snapshot comes out.
 *
 * @example
 *   const families = await metrics.families();
 *   const first = buildOpsSnapshot(families, null, 1_000);   // rates are null: nothing to compare with
 *   const next = buildOpsSnapshot(families2, first, 3_000);  // rates over the 2 s between them
 *   next.groups[0]; // { group: 'perigee-archiver', lagMessages: 3, lagSeconds: 0.4, consumedPerSecond: 12, state: 'up', … }
 */
import { estimateQuantile, type CumulativeBucket } from './histogram-quantile';

/** The shape of prom-client's `registry.getMetricsAsJSON()`, as far as the snapshot reads it. */
export interface MetricFamily {
  readonly name: string;
  readonly values: readonly { readonly value: number; readonly metricName?: string; readonly labels: Labels }[];
}

export type StageState = 'up' | 'lagging' | 'idle' | 'paused';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lagMessages: number;
  readonly lagSeconds: number;
}

export interface GroupOps {
  readonly group: string;
  /** What the group is for: processor, processor playback, archiver, live feed. */
  readonly role: string;
  /** Summed over partitions. */
  readonly lagMessages: number;
  /** The oldest unconsumed message's age over all partitions. */
  readonly lagSeconds: number;
  /** Null on the first snapshot. */
  readonly consumedPerSecond: number | null;
  readonly state: StageState;
  readonly partitions: readonly PartitionLag[];
}

export interface ThroughputRow {
  readonly stage: string;
  /** What is counted, e.g. "packets received (tcp)" or a topic. */
  readonly what: string;
  readonly total: number;
  /** Null on the first snapshot. */
  readonly perSecond: number | null;
}

export interface LatencyRow {
  readonly id: 'onboard-to-archive' | 'onboard-to-emit' | 'db-write';
  readonly label: string;
  readonly count: number;
  /** Since the process started; null without observations. */
  readonly p50Seconds: number | null;
  readonly p95Seconds: number | null;
  readonly p99Seconds: number | null;
}

export interface QuarantineCount {
  readonly stage: string;
  readonly reason: string;
  readonly count: number;
}

export interface StageStatus {
  readonly stage: string;
  readonly state: StageState;
  readonly detail: string;
}

export interface OpsSnapshot {
  /** Epoch ms. */
  readonly atMs: number;
  /** Time since the previous snapshot the rates are over, ms; null on the first. */
  readonly rateIntervalMs: number | null;
  readonly lagThresholdSeconds: number;
  readonly groups: readonly GroupOps[];
  readonly throughput: readonly ThroughputRow[];
  readonly latency: readonly LatencyRow[];
  readonly quarantine: readonly QuarantineCount[];
  readonly stages: readonly StageStatus[];
  /** Counter values keyed by series, kept for the next snapshot's rates. */
  readonly counters: Readonly<Record<string, number>>;
}

export interface OpsSnapshotOptions {
  /** A group whose oldest unconsumed message is older than this is lagging, s. */
  readonly lagThresholdSeconds?: number;
}

const CONSUMER_MESSAGES = 'perigee_consumer_messages_total';

/** Counters shown as throughput: the stage they belong to and how each series is named. */
const THROUGHPUT_COUNTERS: readonly { metric: string; stage: string; what: (labels: Labels) => string }[] = [
  { metric: 'perigee_gateway_packets_total', stage: 'gateway', what: (l) => `packets received (${l.transport})` },
  { metric: 'perigee_gateway_events_total', stage: 'gateway', what: () => 'ground-station events' },
  { metric: 'perigee_processor_packets_total', stage: 'processor', what: (l) => `packets (${l.lane})` },
  { metric: 'perigee_processor_samples_total', stage: 'processor', what: (l) => `samples accepted (${l.lane})` },
  { metric: 'perigee_archiver_samples_total', stage: 'archiver', what: () => 'samples stored' },
  { metric: 'perigee_live_frames_total', stage: 'live feed', what: () => 'frames emitted' },
  { metric: CONSUMER_MESSAGES, stage: 'consumers', what: (l) => `${l.group} ← ${l.topic}` },
];

const LATENCIES: readonly { metric: string; id: LatencyRow['id']; label: string }[] = [
  { metric: 'perigee_onboard_to_archive_seconds', id: 'onboard-to-archive', label: 'onboard → archive' },
  { metric: 'perigee_onboard_to_emit_seconds', id: 'onboard-to-emit', label: 'onboard → emit' },
  { metric: 'perigee_archiver_batch_seconds', id: 'db-write', label: 'db write (archive batch)' },
];

type Labels = Readonly<Partial<Record<string, string | number>>>;

export function buildOpsSnapshot(
  families: readonly MetricFamily[],
  previous: Pick<OpsSnapshot, 'atMs' | 'counters'> | null,
  nowMs: number,
  { lagThresholdSeconds = 10 }: OpsSnapshotOptions = {},
): OpsSnapshot {
  const byName = new Map(families.map((f) => [f.name, f]));
  const values = (name: string) => byName.get(name)?.values ?? [];
  const intervalSeconds = previous && nowMs > previous.atMs ? (nowMs - previous.atMs) / 1000 : null;

  const counters: Record<string, number> = {};
  const rateOf = (key: string, total: number): number | null => {
    counters[key] = total;
    if (intervalSeconds === null) return null;
    const before = previous?.counters[key] ?? 0;
    // A counter that went down was reset (process restart): everything counted since is new.
    return (total >= before ? total - before : total) / intervalSeconds;
  };

  const throughput: ThroughputRow[] = [];
  /** Messages consumed per second per group, over all its topics. */
  const consumedRate = new Map<string, number | null>();
  for (const { metric, stage, what } of THROUGHPUT_COUNTERS) {
    for (const v of values(metric)) {
      const perSecond = rateOf(seriesKey(metric, v.labels), v.value);
      throughput.push({ stage, what: what(v.labels), total: v.value, perSecond });
      if (metric === CONSUMER_MESSAGES) {
        const group = String(v.labels.group);
        const sofar = consumedRate.has(group) ? consumedRate.get(group)! : 0;
        consumedRate.set(group, perSecond === null || sofar === null ? null : sofar + perSecond);
      }
    }
  }

  const groups = buildGroups(values('perigee_consumer_lag_messages'), values('perigee_consumer_lag_seconds'), consumedRate, lagThresholdSeconds);

  const latency: LatencyRow[] = LATENCIES.map(({ metric, id, label }) => {
    const buckets = bucketsOf(values(metric));
    return {
      id,
      label,
      count: buckets[buckets.length - 1]?.count ?? 0,
      p50Seconds: estimateQuantile(buckets, 0.5),
      p95Seconds: estimateQuantile(buckets, 0.95),
      p99Seconds: estimateQuantile(buckets, 0.99),
    };
  });

  const quarantine = values('perigee_quarantined_total')
    .map((v) => ({ stage: String(v.labels.stage), reason: String(v.labels.reason), count: v.value }))
    .sort((a, b) => b.count - a.count || a.stage.localeCompare(b.stage) || a.reason.localeCompare(b.reason));

  const gatewayRate = sumRates(throughput.filter((r) => r.stage === 'gateway'));
  const paused = values('perigee_gateway_paused_connections')[0]?.value ?? 0;
  const stages: StageStatus[] = [];
  // Only a process running the gateway has counted packets (the counter has no series before the first).
  if (values('perigee_gateway_packets_total').length > 0 || paused > 0) {
    stages.push(
      paused > 0
        ? { stage: 'gateway', state: 'paused', detail: `${paused} connection${paused === 1 ? '' : 's'} paused by backpressure` }
        : gatewayRate === 0
          ? { stage: 'gateway', state: 'idle', detail: 'no packets since the last snapshot' }
          : { stage: 'gateway', state: 'up', detail: gatewayRate === null ? 'receiving' : `${formatRate(gatewayRate)} msg/s` },
    );
  }
  for (const g of groups) stages.push({ stage: g.role, state: g.state, detail: `${g.group}: ${g.lagMessages} msg / ${g.lagSeconds.toFixed(1)} s behind` });

  return { atMs: nowMs, rateIntervalMs: previous ? nowMs - previous.atMs : null, lagThresholdSeconds, groups, throughput, latency, quarantine, stages, counters };
}

/** Processor, playback, archiver (or its alarm lane), live feed or alarm feed, from the group's id (config names them; the defaults say what they are). */
export function groupRole(group: string): string {
  if (group.startsWith('perigee-live-')) return 'live feed';
  if (group.startsWith('perigee-alarms-')) return 'alarm feed';
  if (group.endsWith('-playback')) return 'processor playback';
  if (group.includes('archiver')) return group.endsWith('-alarms') ? 'archiver alarm lane' : 'archiver';
  if (group.includes('processor')) return 'processor';
  return group;
}

function buildGroups(
  lagMessages: MetricFamily['values'],
  lagSeconds: MetricFamily['values'],
  consumedRate: ReadonlyMap<string, number | null>,
  lagThresholdSeconds: number,
): GroupOps[] {
  const seconds = new Map(lagSeconds.map((v) => [seriesKey('', v.labels), v.value]));
  const partitionsByGroup = new Map<string, PartitionLag[]>();
  for (const v of lagMessages) {
    const group = String(v.labels.group);
    const list = partitionsByGroup.get(group) ?? [];
    list.push({ topic: String(v.labels.topic), partition: Number(v.labels.partition), lagMessages: v.value, lagSeconds: seconds.get(seriesKey('', v.labels)) ?? 0 });
    partitionsByGroup.set(group, list);
  }
  return [...partitionsByGroup]
    .map(([group, partitions]) => {
      partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
      const totalMessages = partitions.reduce((n, p) => n + p.lagMessages, 0);
      const maxSeconds = partitions.reduce((s, p) => Math.max(s, p.lagSeconds), 0);
      const rate = consumedRate.get(group) ?? null;
      const state: StageState = maxSeconds > lagThresholdSeconds ? 'lagging' : rate === 0 && totalMessages === 0 ? 'idle' : 'up';
      return { group, role: groupRole(group), lagMessages: totalMessages, lagSeconds: maxSeconds, consumedPerSecond: rate, state, partitions };
    })
    .sort((a, b) => a.group.localeCompare(b.group));
}

/** A histogram's cumulative buckets, summed over label sets other than le. */
function bucketsOf(values: MetricFamily['values']): CumulativeBucket[] {
  const counts = new Map<number, number>();
  for (const v of values) {
    if (!v.metricName?.endsWith('_bucket')) continue;
    const le = v.labels.le === '+Inf' ? Infinity : Number(v.labels.le);
    counts.set(le, (counts.get(le) ?? 0) + v.value);
  }
  return [...counts].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

function seriesKey(metric: string, labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`);
  return `${metric}{${pairs.join(',')}}`;
}

function sumRates(rows: readonly ThroughputRow[]): number | null {
  let sum = 0;
  for (const r of rows) {
    if (r.perSecond === null) return null;
    sum += r.perSecond;
  }
  return sum;
}

function formatRate(perSecond: number): string {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}
