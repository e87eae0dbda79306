/**
 * The only reader of process.env. Every setting has a validated default with
 * its unit in the name or the comment; a bad value fails start-up with a
 * message naming the variable (ConfigError).
 *
 * @example
 *   const config = loadConfig(process.env);
 *   config.web.port; // 3000 unless PORT is set
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError } from './errors';

/** Repository root: config.ts lives in <root>/server/. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const port = z.coerce.number().int().min(0).max(65535);

/** What `perigee worker` can run: the processor's two lanes and the archive. */
export const WORKER_PARTS = ['realtime', 'playback', 'archive'] as const;
export type WorkerPart = (typeof WORKER_PARTS)[number];
const rate = z.coerce.number().min(0).max(1);
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/**
 * PLAYBACK_BATCH_MESSAGES when unset. On the in-process bus the slices are
 * all that paces a dump against live telemetry on one event loop. On Kafka
 * each slice waits for a produce round trip, so slices of 50 held a
 * 1-minute dump of 20 satellites to 27,000–38,000 samples/s; with 500 it
 * went through at 46,000–66,000 while the live path during it was no slower.
 */
export const PLAYBACK_BATCH_DEFAULTS = { inProcess: 50, kafka: 500 } as const;

/**
 * ARCHIVER_PARTITIONS_CONCURRENTLY when unset, per bus. In-process the bus
 * hands over up to ARCHIVER_BATCH_MESSAGES per partition, and 8 partitions'
 * batches sharing transactions archived a 10-minute dump of 20 satellites at
 * 131,100–145,600 samples/s against 118,100 with 2. On Kafka, where a
 * backlog's fetches are gathered into large batches already, 2 did better
 * than 8 on a 1-minute dump (99,800–103,200 against 81,500–95,800 samples/s)
 * with 2 transactions at once; 4, with 4 transactions at once
 * (ARCHIVER_TRANSACTIONS_DEFAULTS), keeps up with a dump offered at a steady
 * 100,000 samples/s, which 2 did not.
 */
export const ARCHIVER_PARTITIONS_DEFAULTS = { inProcess: 8, kafka: 4 } as const;

/**
 * ARCHIVER_TRANSACTIONS_CONCURRENTLY when unset, per bus. On Kafka a fetch
 * brings a few partitions' batches, each stored in a transaction of its own
 * that runs single-threaded in one database backend: with 2 partitions and 2
 * transactions at once, a dump offered at 100,000 samples/s kept the machine
 * 0.3 cores idle while the archive fell behind (89,700–90,800 samples/s
 * archived, lag growing). With 4 and 4 the database works on more of them at
 * once: 95,500–97,900 archived, lag flat (1–2 s), the same CPU per sample and
 * the live path meanwhile no slower.
 */
export const ARCHIVER_TRANSACTIONS_DEFAULTS = { inProcess: 2, kafka: 4 } as const;

const envSchema = z.object({
  /** HTTP + Socket.IO port of the web console; 0 picks a free port. */
  PORT: port.default(3000),
  /** Interface the web console listens on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL/TimescaleDB URL; unset means the embedded server under PERIGEE_DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Folder for the embedded database and other local state (relative to the project root). */
  PERIGEE_DATA_DIR: z.string().min(1).default('.perigee'),
  /** Port of the embedded PostgreSQL server; 0 picks a free port. */
  EMBEDDED_PG_PORT: port.default(0),
  /** Folder holding the TimescaleDB bundle built by scripts/build-timescaledb-bundle.sh. */
  TIMESCALEDB_BUNDLE_DIR: z.string().min(1).default('db/embedded/timescaledb'),
  /** Pool size of each process's connection pool (connections). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Comma-separated Kafka bootstrap servers; unset means the in-process bus. */
  KAFKA_BROKERS: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'expected host:port[,host:port...]').optional(),
  /** Client id Perigee's Kafka clients announce to the brokers. */
  KAFKA_CLIENT_ID: z.string().min(1).default('perigee'),
  /** Interface the ingest gateway listens on. */
  INGEST_HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port for CCSDS space packets framed by their length field; 0 picks a free port. */
  INGEST_TCP_PORT: port.default(7300),
  /** UDP port for CCSDS space packets, one per datagram; 0 picks a free port. */
  INGEST_UDP_PORT: port.default(7300),
  /** TCP port for ground-station events as JSON lines; 0 picks a free port. */
  INGEST_EVENTS_PORT: port.default(7301),
  /**
   * Longest a received packet waits for companions before the gateway sends them to the bus, ms. By
   * default none: the packets of one read go in one send right after it, and what arrives while a send
   * waits for its acknowledgement goes in the next, so sends grow with the load without a timer. On
   * Kafka a linger of 5 ms cost the live path 5 ms at the median and more behind a busy event loop.
   */
  INGEST_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(0),
  /**
   * The same for played-back packets (a pass dump), ms. A dump is history, not a live value: waiting
   * gathers it into larger sends, and every consumer of the playback topic then reads it in larger record
   * batches — on a broker that answers a fetch with one record batch per partition (librdkafka's mock
   * cluster), what a dump forwarded at a steady rate can be read at all. A full send (1,000 packets)
   * goes at once.
   */
  INGEST_PLAYBACK_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(100),
  /** Consumer group of the stream processor (decode, validate, dedupe, windows, rules). */
  PROCESSOR_GROUP_ID: z.string().min(1).default('perigee-processor'),
  /** Consumer group of the archiver (bronze, silver, gold, alarms into the database). */
  ARCHIVER_GROUP_ID: z.string().min(1).default('perigee-archiver'),
  /**
   * Partitions the archiver reads at once; ARCHIVER_PARTITIONS_DEFAULTS when unset. Their batches
   * share archive transactions (group commit): whatever waits while others commit goes into the
   * next transaction together, each partition's offset with it.
   */
  ARCHIVER_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).optional(),
  /** Archive transactions at once; ARCHIVER_TRANSACTIONS_DEFAULTS when unset. */
  ARCHIVER_TRANSACTIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(16).optional(),
  /**
   * Longest an archive transaction waits for other partitions' batches while the flow is light, ms
   * (0: none), so a live fleet's trickle goes in a few transactions a second instead of one per
   * batch; while the flow is heavy (a backlog, large batches) nothing waits. Measured with 10
   * satellites: the database's CPU at rest fell from 0.19–0.22 to 0.06–0.09 core in-process and from
   * 0.16–0.18 to 0.09–0.11 on Kafka, and dumps went through no slower.
   */
  ARCHIVER_LINGER_MS: z.coerce.number().int().min(0).max(5_000).default(200),
  /**
   * Nice value `perigee worker` runs at (0..19; 0 leaves it as started). A pass dump keeps the worker
   * busy for seconds; on a machine shared with `perigee ingest` and `perigee web` the live path then
   * gets the CPU first. Only lowers a priority, never raises one.
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /**
   * `perigee worker` runs the processor's real-time lane (rules, alarms) on a thread of its own that
   * keeps the priority the worker started with, while the rest goes to WORKER_NICE: a pass dump's work
   * then neither shares an event loop with the alarms nor outranks them (with `0` the lane shares the
   * worker's event loop and priority). Only when the worker runs other parts besides it. The lane
   * counts into its thread's registry, served on METRICS_PORT with the worker's and watched for
   * consumer lag alarms like the rest.
   */
  WORKER_REALTIME_THREAD: flag.default(true),
  /**
   * With `1`, `perigee start` on Kafka runs the processor's playback lane and the archive on a thread of
   * their own lowered to WORKER_NICE: a pass dump's decoding and archiving leave the event loop that
   * feeds the consoles and raises alarms. Needs KAFKA_BROKERS (the in-process bus lives on one thread).
   */
  START_BULK_THREAD: flag.default(false),
  /**
   * What `perigee worker` runs, comma-separated (all by default): `realtime` (the processor's
   * real-time lane: windows, rules, alarms), `playback` (its lane for pass dumps), `archive` (the
   * archiver's lanes and the shelve expiry). Two workers splitting them — `realtime` at WORKER_NICE=0,
   * `playback,archive` at the default — keep alarms at full priority while a dump is worked through.
   */
  WORKER_PARTS: z
    .string()
    .regex(/^(realtime|playback|archive)(,(realtime|playback|archive))*$/, 'expected a comma-separated list of realtime, playback, archive')
    .refine((v) => new Set(v.split(',')).size === v.split(',').length, 'names a part twice')
    .default(WORKER_PARTS.join(','))
    .transform((v) => new Set(v.split(',') as WorkerPart[]) as ReadonlySet<WorkerPart>),
  /**
   * Most messages the archiver stores in one transaction. Only a backlog (a pass dump, a restart)
   * fills one. Each batch merges its gold buckets once: a 1-minute bucket of a satellite's parameter
   * is updated once per batch that holds its samples, so larger batches write fewer bucket rows.
   * 2,000 sample frames are about 44,000 samples. On Kafka the fetches of a backlog are gathered up
   * to it (SubscribeOptions.gather).
   */
  ARCHIVER_BATCH_MESSAGES: z.coerce.number().int().min(1).max(20_000).default(2000),
  /**
   * How often the console checks the session of every open Socket.IO connection again, ms: a session
   * ended on another web node (or expired) stops receiving telemetry within this.
   */
  SOCKET_SESSION_RECHECK_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** How often the stream processor reads the rule thresholds admins set in the console, ms (a change applies within this). */
  RULE_THRESHOLD_REFRESH_MS: z.coerce.number().int().min(200).max(600_000).default(5000),
  /** Kafka consumer session timeout, ms: how long a silent member keeps its partitions (Kafka's minimum is 6000). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
  /** Event time over which retransmitted packets are recognised as duplicates, ms. */
  DEDUPE_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(600_000),
  /** Most packet keys the dedupe window holds (bounds its memory). */
  DEDUPE_MAX_ENTRIES: z.coerce.number().int().min(1000).max(10_000_000).default(500_000),
  /** Onboard time further than this from the satellite's correlated clock is drifted, ms. */
  CLOCK_DRIFT_BOUND_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /**
   * Clock offsets (arrival − onboard, ms) the mission already knows, as `satellite:offset` pairs
   * separated by commas (`101:-37000` for a clock kept on TAI): a satellite's first packets are judged
   * against its offset until it has offsets of its own. Others are taken to run on UTC.
   */
  SATELLITE_CLOCK_OFFSETS_MS: z
    .string()
    .regex(/^(\d{1,5}:-?\d{1,13}(,\d{1,5}:-?\d{1,13})*)?$/, 'expected comma-separated satellite:offset pairs in whole ms, e.g. 101:-37000,102:120000')
    .refine((v) => v === '' || new Set(v.split(',').map((pair) => Number(pair.split(':')[0]))).size === v.split(',').length, 'names a satellite twice')
    .default('')
    .transform((v) => new Map(v === '' ? [] : v.split(',').map((pair) => pair.split(':').map(Number) as [number, number])) as ReadonlyMap<number, number>),
  /** How long event-time windows wait for late samples before closing, ms. */
  WINDOW_ALLOWED_LATENESS_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  /**
   * Most played-back packets the processor takes in one slice: a pass dump is processed in slices this
   * small, so live telemetry sharing the process waits at most one slice. Default: see
   * PLAYBACK_BATCH_DEFAULTS (smaller on the in-process bus, where the slices are the only pacing).
   */
  PLAYBACK_BATCH_MESSAGES: z.coerce.number().int().min(1).max(10_000).optional(),
  /**
   * On the in-process bus (no KAFKA_BROKERS): most played-back packets a partition of the playback
   * topic holds unread by any of its readers (about 400 bytes of memory each). Beyond it the sends
   * wait, the gateway queues up to its own bound and then pauses the connection the dump comes on,
   * until the readers catch up: memory stays bounded and nothing is dropped. The default holds
   * 200,000 packets over the 4 partitions, about 8 minutes of three satellites dumping at 400
   * packets/s while the archive is stalled (the database down); a ground station forwarding real-time
   * and playback on one connection then sees both held. Kafka keeps its log on disk and is not bounded.
   */
  IN_PROCESS_PLAYBACK_UNREAD: z.coerce.number().int().min(100).max(200_000).default(50_000),
  /**
   * Real-time partitions the processor handles at once. Each batch is processed whole before the next
   * starts (state stays per satellite, and a satellite's packets of one APID share a partition); what
   * overlaps is waiting for the bus to take the outputs, which on Kafka is most of a batch's time.
   */
  PROCESSOR_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(16).default(1),
  /** Identifies this web node; its live feed consumes as group perigee-live-<id>. */
  WEB_NODE_ID: z.string().regex(/^[A-Za-z0-9._-]+$/).default(os.hostname()),
  /** Number of simulated satellites. */
  SIM_SATELLITES: z.coerce.number().int().min(1).max(64).default(3),
  /** How the simulator reaches the gateway. */
  SIM_TRANSPORT: z.enum(['tcp', 'udp']).default('tcp'),
  /** Seed for the simulator's random faults and noise (same seed, same faults). */
  SIM_SEED: z.coerce.number().int().min(0).default(1),
  /** relay: telemetry flows continuously; passes: recorded outside ground-station passes and dumped during them. */
  SIM_LINK_MODE: z.enum(['relay', 'passes']).default('relay'),
  /** Recorder dump rate during a pass, packets per second per satellite. */
  SIM_DUMP_RATE: z.coerce.number().int().min(1).max(100_000).default(400),
  /** Onboard recorder capacity, packets per satellite (the oldest are overwritten beyond it). */
  SIM_RECORDER_CAPACITY: z.coerce.number().int().min(100).max(10_000_000).default(500_000),
  /**
   * Power packet definition version the simulated satellites emit: 1, 2, or mixed
   * (the first, third, … satellite on v2, the others on v1).
   */
  SIM_POWER_VERSION: z.enum(['1', '2', 'mixed']).default('mixed'),
  /** Seconds after the simulator starts when the satellites still on power v1 switch to v2 (a firmware upload); unset: never. */
  SIM_POWER_UPGRADE_AFTER_S: z.coerce.number().int().min(0).max(31_536_000).optional(),
  /** Share of packets re-sent as retransmits (0..1). */
  SIM_FAULT_DUPLICATE_RATE: rate.default(0),
  /** Share of packets whose onboard clock is drifted (0..1). */
  SIM_FAULT_DRIFT_RATE: rate.default(0),
  /** Share of packets with flipped bits in their data field (0..1). */
  SIM_FAULT_CORRUPT_RATE: rate.default(0),
  /** Share of packets held back and sent out of order in a burst (0..1). */
  SIM_FAULT_REORDER_RATE: rate.default(0),
  /** Port serving /metrics for the worker and ingest processes (the console serves its own); unset: none. */
  METRICS_PORT: port.optional(),
  /** A consumer group this many seconds behind (age of its oldest unconsumed message) raises a warning alarm, s. */
  LAG_WARNING_SECONDS: z.coerce.number().positive().max(86_400).default(30),
  /** ... and a critical one at this many seconds; must exceed LAG_WARNING_SECONDS. */
  LAG_CRITICAL_SECONDS: z.coerce.number().positive().max(86_400).default(120),
  /** Thresholds of particular groups, "group=warning:critical" comma-separated, seconds; e.g. perigee-archiver=60:600. */
  LAG_GROUP_THRESHOLDS: z
    .string()
    .regex(/^[A-Za-z0-9._-]+=\d+(\.\d+)?:\d+(\.\d+)?(,[A-Za-z0-9._-]+=\d+(\.\d+)?:\d+(\.\d+)?)*$/, 'expected group=warning:critical[,group=warning:critical...]')
    .optional(),
  /** Log verbosity. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Serve the console with Next's development server (hot reload). */
  PERIGEE_DEV: flag.default(false),
  /** Username of the admin created on first start when no admin exists (with PERIGEE_ADMIN_PASSWORD). */
  PERIGEE_ADMIN_USER: z.string().optional(),
  /** Password of that first admin, 12 to 256 characters; read once, never logged. */
  PERIGEE_ADMIN_PASSWORD: z.string().optional(),
  /**
   * Sign browsers without a session in as a demo operator. Unset: on for `perigee start`
   * (the zero-setup run), off for `perigee web`, which refuses it.
   */
  PERIGEE_DEMO_LOGIN: flag.optional(),
  /** How long a console session lasts after sign-in, hours. */
  PERIGEE_SESSION_TTL_HOURS: z.coerce.number().min(0.01).max(720).default(12),
  /** Failed sign-ins from one address, or for one username, that lock further attempts. */
  PERIGEE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Window over which failed sign-ins are counted, ms. */
  PERIGEE_LOGIN_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  /**
   * The mission database every process runs on; unset: the built-in one of the demonstration fleet.
   * A Perigee mission database (.json, e.g. written by `perigee mdb import --out`), an XTCE file
   * (.xml), or several definition files comma-separated, CCSDSPy CSVs each with its APID
   * (`eps.csv@256`); relative paths are from the project root.
   */
  PERIGEE_MISSION_DB: z.string().min(1).optional(),
  /** Most rows one CSV export (GET /api/export) may hold; a larger window is refused with the reason. */
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(1_000_000),
});

/** Variables whose value must never appear in an error message. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['PERIGEE_ADMIN_PASSWORD', 'DATABASE_URL']);

export type RawEnv = Record<string, string | undefined>;

export interface Config {
  readonly web: {
    readonly host: string;
    readonly port: number;
    readonly nodeId: string;
    readonly dev: boolean;
    /** How often open sockets' sessions are checked again, ms. */
    readonly socketSessionRecheckMs: number;
  };
  readonly database: {
    /** Set for an external server; undefined means embedded. */
    readonly url: string | undefined;
    readonly poolMax: number;
    readonly embedded: { readonly dataDir: string; readonly port: number; readonly timescaleBundleDir: string };
  };
  readonly kafka: { readonly brokers: readonly string[] | undefined; readonly clientId: string; readonly sessionTimeoutMs: number };
  readonly ingest: {
    readonly host: string;
    readonly tcpPort: number;
    readonly udpPort: number;
    readonly eventsPort: number;
    /** Longest a packet waits for companions before it is sent to the bus, ms (0: the packets of one read go at once). */
    readonly lingerMs: number;
    /** The same for played-back packets, ms. */
    readonly playbackLingerMs: number;
  };
  readonly worker: {
    readonly processorGroupId: string;
    readonly archiverGroupId: string;
    /** Partitions the archiver reads at once; their batches share transactions. */
    readonly archiverPartitionsConcurrently: number;
    /** Archive transactions at once. */
    readonly archiverTransactionsConcurrently: number;
    /** Longest a transaction that is not full waits for company while the archiver keeps up, ms. */
    readonly archiverLingerMs: number;
    /** Most messages the archiver stores in one transaction. */
    readonly archiverBatchMessages: number;
    /** How often the processor re-reads the stored rule thresholds, ms. */
    readonly ruleThresholdRefreshMs: number;
    /** Nice value `perigee worker` lowers its threads to (0: unchanged). */
    readonly nice: number;
    /** What `perigee worker` runs (`perigee start` runs everything). */
    readonly parts: ReadonlySet<WorkerPart>;
    /** `perigee worker` runs the real-time lane on a thread at its starting priority (when it runs other parts too). */
    readonly realtimeThread: boolean;
    /** `perigee start` (on Kafka) runs the playback lane and the archive on a thread at `nice`. */
    readonly bulkThread: boolean;
  };
  readonly stream: {
    readonly dedupeWindowMs: number;
    readonly dedupeMaxEntries: number;
    readonly clockDriftBoundMs: number;
    /** Clock offsets known before any packet, by satellite id, ms. */
    readonly knownClockOffsetsMs: ReadonlyMap<number, number>;
    readonly allowedLatenessMs: number;
    /** Most played-back packets processed in one slice. */
    readonly playbackBatchMessages: number;
    /** Most played-back packets a partition of the in-process bus holds unread. */
    readonly inProcessPlaybackUnread: number;
    /** Real-time partitions the processor handles at once. */
    readonly processorPartitionsConcurrently: number;
  };
  readonly sim: {
    readonly satellites: number;
    readonly transport: 'tcp' | 'udp';
    readonly seed: number;
    readonly faults: { readonly duplicateRate: number; readonly driftRate: number; readonly corruptRate: number; readonly reorderRate: number };
    readonly link:
      | { readonly mode: 'relay' }
      | { readonly mode: 'passes'; readonly dumpPacketsPerSecond: number; readonly recorderCapacityPackets: number };
    /** Power definition version per satellite; the upgrade is relative to the simulator's start, ms. */
    readonly powerVersion: { readonly emit: '1' | '2' | 'mixed'; readonly upgradeAfterMs: number | undefined };
  };
  readonly auth: {
    /** Created on start when no enabled admin exists. */
    readonly firstAdmin: { readonly username: string; readonly password: string } | undefined;
    /** PERIGEE_DEMO_LOGIN as set; undefined lets each command pick its default. */
    readonly demoLogin: boolean | undefined;
    readonly sessionTtlMs: number;
    readonly loginMaxFailures: number;
    readonly loginWindowMs: number;
  };
  readonly export: {
    /** Most rows one CSV export may hold. */
    readonly maxRows: number;
  };
  /** Consumer lag alarm thresholds (ConsumerLagRule), seconds. */
  readonly lagAlarms: {
    readonly default: { readonly warningSeconds: number; readonly criticalSeconds: number };
    readonly byGroup: Readonly<Record<string, { readonly warningSeconds: number; readonly criticalSeconds: number }>>;
  };
  /** PERIGEE_MISSION_DB: the definition files to run on, in order; undefined: the built-in mission database. */
  readonly missionDatabase: { readonly files: readonly MissionDefinitionFile[] } | undefined;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Port of the /metrics endpoint of processes without the console; undefined: none. */
  readonly metricsPort: number | undefined;
}

/** One file of PERIGEE_MISSION_DB: an absolute path, and the APID of a CSV packet definition. */
export interface MissionDefinitionFile {
  readonly path: string;
  readonly apid?: number;
}

/** Splits PERIGEE_MISSION_DB into files; throws ConfigError naming what is wrong with an entry. */
function parseMissionDatabase(value: string, fromRoot: (p: string) => string): MissionDefinitionFile[] {
  const fail = (message: string): never => {
    throw new ConfigError('PERIGEE_MISSION_DB', message);
  };
  const entries = value.split(',').map((entry) => entry.trim());
  const files = entries.map((entry): MissionDefinitionFile => {
    const at = /^(.*\.csv)@(0x[0-9a-f]+|\d+)$/i.exec(entry);
    const file = at ? at[1]! : entry;
    const extension = path.extname(file).toLowerCase();
    if (!['.json', '.xml', '.csv'].includes(extension)) fail(`"${entry}": expected a .json (Perigee), .xml (XTCE) or .csv@APID (CCSDSPy) file`);
    if (extension === '.csv' && !at) fail(`"${entry}": a CSV packet definition needs its APID, e.g. ${file}@256`);
    if (!at) return { path: fromRoot(file) };
    const apid = Number(at[2]);
    if (!(apid >= 0 && apid <= 0x7fe)) fail(`"${entry}": APID ${at[2]} must be from 0 to 2046`);
    return { path: fromRoot(file), apid };
  });
  if (files.length > 1 && files.some((f) => f.path.toLowerCase().endsWith('.json'))) {
    fail('a Perigee mission database (.json) is complete on its own; give it alone');
  }
  return files;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Parses and validates the environment once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: RawEnv = process.env): Config {
  // Empty strings count as unset, as a shell `FOO= cmd` means "no value".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(present[variable] ?? null)})`;
    throw new ConfigError(variable, `${issue.message}${got}`);
  }
  const e = parsed.data;
  if ((e.PERIGEE_ADMIN_USER === undefined) !== (e.PERIGEE_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(e.PERIGEE_ADMIN_USER === undefined ? 'PERIGEE_ADMIN_USER' : 'PERIGEE_ADMIN_PASSWORD', 'set both PERIGEE_ADMIN_USER and PERIGEE_ADMIN_PASSWORD, or neither');
  }
  if (e.PERIGEE_ADMIN_PASSWORD !== undefined && ([...e.PERIGEE_ADMIN_PASSWORD].length < 12 || [...e.PERIGEE_ADMIN_PASSWORD].length > 256)) {
    throw new ConfigError('PERIGEE_ADMIN_PASSWORD', 'must be 12 to 256 characters');
  }
  if (e.INGEST_TCP_PORT !== 0 && e.INGEST_TCP_PORT === e.PORT) {
    throw new ConfigError('INGEST_TCP_PORT', `must differ from PORT (${e.PORT})`);
  }
  if (e.INGEST_EVENTS_PORT !== 0 && (e.INGEST_EVENTS_PORT === e.INGEST_TCP_PORT || e.INGEST_EVENTS_PORT === e.PORT)) {
    throw new ConfigError('INGEST_EVENTS_PORT', 'must differ from INGEST_TCP_PORT and PORT');
  }
  const faultSum = e.SIM_FAULT_DUPLICATE_RATE + e.SIM_FAULT_DRIFT_RATE + e.SIM_FAULT_CORRUPT_RATE + e.SIM_FAULT_REORDER_RATE;
  if (faultSum > 1) {
    // The simulator gives each packet at most one fault, so the shares cannot exceed the whole.
    throw new ConfigError('SIM_FAULT_DUPLICATE_RATE', `the four SIM_FAULT_*_RATE values add up to ${faultSum}, more than 1`);
  }
  if (e.SIM_POWER_UPGRADE_AFTER_S !== undefined && e.SIM_POWER_VERSION === '2') {
    throw new ConfigError('SIM_POWER_UPGRADE_AFTER_S', 'every satellite already emits power v2 (SIM_POWER_VERSION=2): there is nothing to upgrade');
  }
  if (e.START_BULK_THREAD && e.KAFKA_BROKERS === undefined) {
    throw new ConfigError('START_BULK_THREAD', 'needs KAFKA_BROKERS: the in-process bus cannot be shared with another thread');
  }
  if (e.LAG_CRITICAL_SECONDS <= e.LAG_WARNING_SECONDS) {
    throw new ConfigError('LAG_CRITICAL_SECONDS', `must exceed LAG_WARNING_SECONDS (${e.LAG_WARNING_SECONDS})`);
  }
  const lagByGroup: Record<string, { warningSeconds: number; criticalSeconds: number }> = {};
  for (const entry of e.LAG_GROUP_THRESHOLDS?.split(',') ?? []) {
    const [group, pair] = entry.split('=') as [string, string];
    const [warningSeconds, criticalSeconds] = pair.split(':').map(Number) as [number, number];
    if (!(warningSeconds > 0 && criticalSeconds > warningSeconds)) {
      throw new ConfigError('LAG_GROUP_THRESHOLDS', `${group}: need 0 < warning (${warningSeconds}) < critical (${criticalSeconds})`);
    }
    lagByGroup[group] = { warningSeconds, criticalSeconds };
  }
  const fromRoot = (p: string) => (path.isAbsolute(p) ? p : path.join(PROJECT_ROOT, p));
  // Which of the per-bus defaults apply.
  const bus = e.KAFKA_BROKERS ? 'kafka' : 'inProcess';
  return deepFreeze<Config>({
    web: { host: e.HOST, port: e.PORT, nodeId: e.WEB_NODE_ID, dev: e.PERIGEE_DEV, socketSessionRecheckMs: e.SOCKET_SESSION_RECHECK_MS },
    database: {
      url: e.DATABASE_URL,
      poolMax: e.DATABASE_POOL_MAX,
      embedded: {
        dataDir: fromRoot(e.PERIGEE_DATA_DIR),
        port: e.EMBEDDED_PG_PORT,
        timescaleBundleDir: fromRoot(e.TIMESCALEDB_BUNDLE_DIR),
      },
    },
    kafka: { brokers: e.KAFKA_BROKERS?.split(','), clientId: e.KAFKA_CLIENT_ID, sessionTimeoutMs: e.KAFKA_SESSION_TIMEOUT_MS },
    ingest: {
      host: e.INGEST_HOST,
      tcpPort: e.INGEST_TCP_PORT,
      udpPort: e.INGEST_UDP_PORT,
      eventsPort: e.INGEST_EVENTS_PORT,
      lingerMs: e.INGEST_LINGER_MS,
      playbackLingerMs: e.INGEST_PLAYBACK_LINGER_MS,
    },
    worker: {
      processorGroupId: e.PROCESSOR_GROUP_ID,
      archiverGroupId: e.ARCHIVER_GROUP_ID,
      archiverPartitionsConcurrently: e.ARCHIVER_PARTITIONS_CONCURRENTLY ?? ARCHIVER_PARTITIONS_DEFAULTS[bus],
      archiverTransactionsConcurrently: e.ARCHIVER_TRANSACTIONS_CONCURRENTLY ?? ARCHIVER_TRANSACTIONS_DEFAULTS[bus],
      archiverLingerMs: e.ARCHIVER_LINGER_MS,
      archiverBatchMessages: e.ARCHIVER_BATCH_MESSAGES,
      ruleThresholdRefreshMs: e.RULE_THRESHOLD_REFRESH_MS,
      nice: e.WORKER_NICE,
      parts: e.WORKER_PARTS,
      realtimeThread: e.WORKER_REALTIME_THREAD,
      bulkThread: e.START_BULK_THREAD,
    },
    stream: {
      dedupeWindowMs: e.DEDUPE_WINDOW_MS,
      dedupeMaxEntries: e.DEDUPE_MAX_ENTRIES,
      clockDriftBoundMs: e.CLOCK_DRIFT_BOUND_MS,
      knownClockOffsetsMs: e.SATELLITE_CLOCK_OFFSETS_MS,
      allowedLatenessMs: e.WINDOW_ALLOWED_LATENESS_MS,
      playbackBatchMessages: e.PLAYBACK_BATCH_MESSAGES ?? PLAYBACK_BATCH_DEFAULTS[bus],
      inProcessPlaybackUnread: e.IN_PROCESS_PLAYBACK_UNREAD,
      processorPartitionsConcurrently: e.PROCESSOR_PARTITIONS_CONCURRENTLY,
    },
    sim: {
      satellites: e.SIM_SATELLITES,
      transport: e.SIM_TRANSPORT,
      seed: e.SIM_SEED,
      faults: {
        duplicateRate: e.SIM_FAULT_DUPLICATE_RATE,
        driftRate: e.SIM_FAULT_DRIFT_RATE,
        corruptRate: e.SIM_FAULT_CORRUPT_RATE,
        reorderRate: e.SIM_FAULT_REORDER_RATE,
      },
      link:
        e.SIM_LINK_MODE === 'relay'
          ? { mode: 'relay' }
          : { mode: 'passes', dumpPacketsPerSecond: e.SIM_DUMP_RATE, recorderCapacityPackets: e.SIM_RECORDER_CAPACITY },
      powerVersion: {
        emit: e.SIM_POWER_VERSION,
        upgradeAfterMs: e.SIM_POWER_UPGRADE_AFTER_S === undefined ? undefined : e.SIM_POWER_UPGRADE_AFTER_S * 1000,
      },
    },
    auth: {
      firstAdmin:
        e.PERIGEE_ADMIN_USER !== undefined && e.PERIGEE_ADMIN_PASSWORD !== undefined
          ? { username: e.PERIGEE_ADMIN_USER, password: e.PERIGEE_ADMIN_PASSWORD }
          : undefined,
      demoLogin: e.PERIGEE_DEMO_LOGIN,
      sessionTtlMs: Math.round(e.PERIGEE_SESSION_TTL_HOURS * 3_600_000),
      loginMaxFailures: e.PERIGEE_LOGIN_MAX_FAILURES,
      loginWindowMs: e.PERIGEE_LOGIN_WINDOW_MS,
    },
    export: { maxRows: e.EXPORT_MAX_ROWS },
    lagAlarms: { default: { warningSeconds: e.LAG_WARNING_SECONDS, criticalSeconds: e.LAG_CRITICAL_SECONDS }, byGroup: lagByGroup },
    missionDatabase: e.PERIGEE_MISSION_DB === undefined ? undefined : { files: parseMissionDatabase(e.PERIGEE_MISSION_DB, fromRoot) },
    logLevel: e.LOG_LEVEL,
    metricsPort: e.METRICS_PORT,
  });
}
