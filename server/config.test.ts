import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from './config';

describe('Config > loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.web).toMatchObject({ host: '127.0.0.1', port: 3000, dev: false });
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded).toEqual({
      dataDir: path.join(PROJECT_ROOT, '.perigee'),
      port: 0,
      timescaleBundleDir: path.join(PROJECT_ROOT, 'db/embedded/timescaledb'),
    });
    expect(config.kafka.brokers).toBeUndefined();
    expect(config.ingest).toEqual({ host: '127.0.0.1', tcpPort: 7300, udpPort: 7300, eventsPort: 7301, lingerMs: 0, playbackLingerMs: 100 });
    expect(config.sim).toEqual({
      satellites: 3,
      transport: 'tcp',
      seed: 1,
      faults: { duplicateRate: 0, driftRate: 0, corruptRate: 0, reorderRate: 0 },
      link: { mode: 'relay' },
      powerVersion: { emit: 'mixed', upgradeAfterMs: undefined },
    });
    expect(Object.isFrozen(config.sim.faults)).toBe(true);
  });

  it('reads which power definition version the simulator emits and when v1 satellites upgrade, refusing an upgrade with nothing to upgrade', () => {
    expect(loadConfig({ SIM_POWER_VERSION: '1', SIM_POWER_UPGRADE_AFTER_S: '90' }).sim.powerVersion).toEqual({ emit: '1', upgradeAfterMs: 90_000 });
    expect(loadConfig({ SIM_POWER_VERSION: '2' }).sim.powerVersion).toEqual({ emit: '2', upgradeAfterMs: undefined });
    expect(() => loadConfig({ SIM_POWER_VERSION: '3' })).toThrow(/SIM_POWER_VERSION: .*\(got "3"\)/);
    expect(() => loadConfig({ SIM_POWER_UPGRADE_AFTER_S: '-5' })).toThrow(/SIM_POWER_UPGRADE_AFTER_S/);
    expect(() => loadConfig({ SIM_POWER_VERSION: '2', SIM_POWER_UPGRADE_AFTER_S: '60' })).toThrow(
      'SIM_POWER_UPGRADE_AFTER_S: every satellite already emits power v2 (SIM_POWER_VERSION=2): there is nothing to upgrade',
    );
  });

  it('parses values and lists', () => {
    const config = loadConfig({
      PORT: '0',
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      SIM_SATELLITES: '12',
      SIM_FAULT_DRIFT_RATE: '0.12',
      PERIGEE_DATA_DIR: '/var/lib/perigee',
      DATABASE_URL: 'postgres://u:p@db.example:5432/perigee',
      PERIGEE_DEV: '1',
    });
    expect(config.web.port).toBe(0);
    expect(config.web.dev).toBe(true);
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.sim.satellites).toBe(12);
    expect(config.sim.faults.driftRate).toBe(0.12);
    expect(config.database.embedded.dataDir).toBe('/var/lib/perigee');
    expect(config.database.url).toBe('postgres://u:p@db.example:5432/perigee');
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', KAFKA_BROKERS: '' }).web.port).toBe(3000);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'http' }, 'PORT'],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ SIM_FAULT_CORRUPT_RATE: '1.5' }, 'SIM_FAULT_CORRUPT_RATE'],
    [{ SIM_SATELLITES: '0' }, 'SIM_SATELLITES'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ name: 'ConfigError', variable }));
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `));
  });

  it('rejects fault rates that add up to more than every packet', () => {
    expect(() => loadConfig({ SIM_FAULT_DRIFT_RATE: '0.6', SIM_FAULT_CORRUPT_RATE: '0.5' })).toThrow(
      'SIM_FAULT_DUPLICATE_RATE: the four SIM_FAULT_*_RATE values add up to 1.1, more than 1',
    );
  });

  it('rejects ingest ports that collide with the console port', () => {
    expect(() => loadConfig({ PORT: '7300' })).toThrow('INGEST_TCP_PORT: must differ from PORT (7300)');
    expect(() => loadConfig({ INGEST_EVENTS_PORT: '7300' })).toThrow('INGEST_EVENTS_PORT: must differ from INGEST_TCP_PORT and PORT');
  });

  it('has no first admin and leaves demo login to the command by default', () => {
    expect(loadConfig({}).auth).toEqual({
      firstAdmin: undefined,
      demoLogin: undefined,
      sessionTtlMs: 43_200_000,
      loginMaxFailures: 5,
      loginWindowMs: 300_000,
    });
    expect(loadConfig({ PERIGEE_DEMO_LOGIN: '0' }).auth.demoLogin).toBe(false);
  });

  it('takes the first admin from PERIGEE_ADMIN_USER and PERIGEE_ADMIN_PASSWORD together, never echoing the password', () => {
    expect(loadConfig({ PERIGEE_ADMIN_USER: 'root', PERIGEE_ADMIN_PASSWORD: 'a long passphrase' }).auth.firstAdmin).toEqual({
      username: 'root',
      password: 'a long passphrase',
    });
    expect(() => loadConfig({ PERIGEE_ADMIN_USER: 'root' })).toThrow('PERIGEE_ADMIN_PASSWORD: set both PERIGEE_ADMIN_USER and PERIGEE_ADMIN_PASSWORD, or neither');
    expect(() => loadConfig({ PERIGEE_ADMIN_USER: 'root', PERIGEE_ADMIN_PASSWORD: 'hunter2' })).toThrow(
      /^PERIGEE_ADMIN_PASSWORD: must be 12 to 256 characters$/,
    );
  });

  it('reads how often the processor re-reads rule thresholds, 5 s by default, within 200 ms..10 min', () => {
    expect(loadConfig({}).worker.ruleThresholdRefreshMs).toBe(5000);
    expect(loadConfig({ RULE_THRESHOLD_REFRESH_MS: '1000' }).worker.ruleThresholdRefreshMs).toBe(1000);
    expect(() => loadConfig({ RULE_THRESHOLD_REFRESH_MS: '50' })).toThrow(/^RULE_THRESHOLD_REFRESH_MS: /);
  });

  it("reads the archiver's linger, 200 ms by default, within 0..5000 ms", () => {
    expect(loadConfig({}).worker.archiverLingerMs).toBe(200);
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).worker.archiverLingerMs).toBe(200);
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', ARCHIVER_LINGER_MS: '0' }).worker.archiverLingerMs).toBe(0);
    expect(loadConfig({ ARCHIVER_LINGER_MS: '250' }).worker.archiverLingerMs).toBe(250);
    expect(() => loadConfig({ ARCHIVER_LINGER_MS: '-1' })).toThrow(/^ARCHIVER_LINGER_MS: /);
    expect(() => loadConfig({ ARCHIVER_LINGER_MS: '5001' })).toThrow(/^ARCHIVER_LINGER_MS: /);
  });

  it('reads how many partitions the processor and the archiver read at once (1; the archiver 8 in-process, 4 on Kafka) and the archiver\'s transactions at once (2 in-process, 4 on Kafka)', () => {
    const defaults = loadConfig({});
    expect([defaults.stream.processorPartitionsConcurrently, defaults.worker.archiverPartitionsConcurrently, defaults.worker.archiverTransactionsConcurrently]).toEqual([1, 8, 2]);
    const kafka = loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect([kafka.worker.archiverPartitionsConcurrently, kafka.worker.archiverTransactionsConcurrently]).toEqual([4, 4]);
    const set = loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', ARCHIVER_PARTITIONS_CONCURRENTLY: '6', ARCHIVER_TRANSACTIONS_CONCURRENTLY: '1' });
    expect([set.worker.archiverPartitionsConcurrently, set.worker.archiverTransactionsConcurrently]).toEqual([6, 1]);
    const raised = loadConfig({ PROCESSOR_PARTITIONS_CONCURRENTLY: '4', ARCHIVER_PARTITIONS_CONCURRENTLY: '64', ARCHIVER_TRANSACTIONS_CONCURRENTLY: '3' });
    expect([raised.stream.processorPartitionsConcurrently, raised.worker.archiverPartitionsConcurrently, raised.worker.archiverTransactionsConcurrently]).toEqual([4, 64, 3]);
    expect(() => loadConfig({ PROCESSOR_PARTITIONS_CONCURRENTLY: '0' })).toThrow(/^PROCESSOR_PARTITIONS_CONCURRENTLY: /);
    expect(() => loadConfig({ ARCHIVER_PARTITIONS_CONCURRENTLY: '65' })).toThrow(/^ARCHIVER_PARTITIONS_CONCURRENTLY: /);
    expect(() => loadConfig({ ARCHIVER_TRANSACTIONS_CONCURRENTLY: '0' })).toThrow(/^ARCHIVER_TRANSACTIONS_CONCURRENTLY: /);
    expect(() => loadConfig({ ARCHIVER_TRANSACTIONS_CONCURRENTLY: '17' })).toThrow(/^ARCHIVER_TRANSACTIONS_CONCURRENTLY: /);
  });

  it('reads the most messages the archiver stores in one transaction: 2,000 by default, 1..20,000', () => {
    expect(loadConfig({}).worker.archiverBatchMessages).toBe(2000);
    expect(loadConfig({ ARCHIVER_BATCH_MESSAGES: '500' }).worker.archiverBatchMessages).toBe(500);
    expect(() => loadConfig({ ARCHIVER_BATCH_MESSAGES: '0' })).toThrow(/^ARCHIVER_BATCH_MESSAGES: /);
    expect(() => loadConfig({ ARCHIVER_BATCH_MESSAGES: '20001' })).toThrow(/^ARCHIVER_BATCH_MESSAGES: /);
  });

  it('reads the playback slice: 50 packets on the in-process bus and 500 on Kafka by default, 1..10,000 either way', () => {
    expect(loadConfig({}).stream.playbackBatchMessages).toBe(50);
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).stream.playbackBatchMessages).toBe(500);
    expect(loadConfig({ PLAYBACK_BATCH_MESSAGES: '200' }).stream.playbackBatchMessages).toBe(200);
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', PLAYBACK_BATCH_MESSAGES: '20' }).stream.playbackBatchMessages).toBe(20);
    expect(() => loadConfig({ PLAYBACK_BATCH_MESSAGES: '0' })).toThrow(/^PLAYBACK_BATCH_MESSAGES: /);
    expect(() => loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', PLAYBACK_BATCH_MESSAGES: '10001' })).toThrow(/^PLAYBACK_BATCH_MESSAGES: /);
  });

  it('reads the worker nice value: 10 by default, 0..19 whole numbers', () => {
    expect(loadConfig({}).worker.nice).toBe(10);
    expect(loadConfig({ WORKER_NICE: '0' }).worker.nice).toBe(0);
    expect(loadConfig({ WORKER_NICE: '19' }).worker.nice).toBe(19);
    expect(() => loadConfig({ WORKER_NICE: '-5' })).toThrow(/^WORKER_NICE: /);
    expect(() => loadConfig({ WORKER_NICE: '20' })).toThrow(/^WORKER_NICE: /);
    expect(() => loadConfig({ WORKER_NICE: '2.5' })).toThrow(/^WORKER_NICE: /);
  });

  it('reads what the worker runs: everything by default, or some of realtime, playback and archive', () => {
    expect([...loadConfig({}).worker.parts]).toEqual(['realtime', 'playback', 'archive']);
    expect([...loadConfig({ WORKER_PARTS: 'realtime' }).worker.parts]).toEqual(['realtime']);
    expect([...loadConfig({ WORKER_PARTS: 'archive,playback' }).worker.parts]).toEqual(['archive', 'playback']);
    expect(() => loadConfig({ WORKER_PARTS: 'realtime,alarms' })).toThrow(/^WORKER_PARTS: expected a comma-separated list of realtime, playback, archive/);
    expect(() => loadConfig({ WORKER_PARTS: 'realtime,' })).toThrow(/^WORKER_PARTS: /);
    expect(() => loadConfig({ WORKER_PARTS: 'archive,archive' })).toThrow(/^WORKER_PARTS: names a part twice/);
  });

  it('reads whether the worker runs its real-time lane on a thread of its own: it does by default', () => {
    expect(loadConfig({}).worker.realtimeThread).toBe(true);
    expect(loadConfig({ WORKER_REALTIME_THREAD: '0' }).worker.realtimeThread).toBe(false);
    expect(() => loadConfig({ WORKER_REALTIME_THREAD: 'yes' })).toThrow(/^WORKER_REALTIME_THREAD: /);
  });

  it('reads whether `perigee start` runs its bulk work on a thread: not by default, and only on Kafka', () => {
    expect(loadConfig({}).worker.bulkThread).toBe(false);
    expect(loadConfig({ START_BULK_THREAD: '1', KAFKA_BROKERS: '127.0.0.1:9092' }).worker.bulkThread).toBe(true);
    expect(() => loadConfig({ START_BULK_THREAD: '1' })).toThrow(/^START_BULK_THREAD: needs KAFKA_BROKERS/);
  });

  it('reads the clock offsets the mission knows: none by default, satellite:offset pairs in ms', () => {
    expect(loadConfig({}).stream.knownClockOffsetsMs.size).toBe(0);
    expect([...loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: '101:-37000,102:120000' }).stream.knownClockOffsetsMs]).toEqual([
      [101, -37_000],
      [102, 120_000],
    ]);
    expect(() => loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: '101=-37000' })).toThrow(/^SATELLITE_CLOCK_OFFSETS_MS: expected comma-separated satellite:offset pairs/);
    expect(() => loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: '101:1.5' })).toThrow(/^SATELLITE_CLOCK_OFFSETS_MS: /);
    expect(() => loadConfig({ SATELLITE_CLOCK_OFFSETS_MS: '101:0,101:5' })).toThrow(/^SATELLITE_CLOCK_OFFSETS_MS: names a satellite twice/);
  });

  it('reads the gateway linger: none by default on either bus, 0..1000', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).ingest.lingerMs).toBe(0);
    expect(loadConfig({ INGEST_LINGER_MS: '2' }).ingest.lingerMs).toBe(2);
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', INGEST_LINGER_MS: '5' }).ingest.lingerMs).toBe(5);
    expect(loadConfig({ INGEST_PLAYBACK_LINGER_MS: '0' }).ingest.playbackLingerMs).toBe(0);
    expect(() => loadConfig({ INGEST_PLAYBACK_LINGER_MS: '5000' })).toThrow(/INGEST_PLAYBACK_LINGER_MS/);
    expect(() => loadConfig({ INGEST_LINGER_MS: '-1' })).toThrow(/^INGEST_LINGER_MS: /);
    expect(() => loadConfig({ INGEST_LINGER_MS: '1001' })).toThrow(/^INGEST_LINGER_MS: /);
    expect(() => loadConfig({ INGEST_LINGER_MS: '2.5' })).toThrow(/^INGEST_LINGER_MS: /);
  });

  it('reads how many played-back packets a partition of the in-process bus holds unread: 50,000 by default, 100..200,000', () => {
    expect(loadConfig({}).stream.inProcessPlaybackUnread).toBe(50_000);
    expect(loadConfig({ IN_PROCESS_PLAYBACK_UNREAD: '800' }).stream.inProcessPlaybackUnread).toBe(800);
    expect(() => loadConfig({ IN_PROCESS_PLAYBACK_UNREAD: '99' })).toThrow(/^IN_PROCESS_PLAYBACK_UNREAD: /);
  });

  it('takes consumer lag alarm thresholds with defaults, per-group overrides, and refuses them out of order', () => {
    expect(loadConfig({}).lagAlarms).toEqual({ default: { warningSeconds: 30, criticalSeconds: 120 }, byGroup: {} });
    expect(loadConfig({ LAG_WARNING_SECONDS: '5', LAG_CRITICAL_SECONDS: '12.5', LAG_GROUP_THRESHOLDS: 'perigee-archiver=60:600,perigee-live-a=1.5:3' }).lagAlarms).toEqual({
      default: { warningSeconds: 5, criticalSeconds: 12.5 },
      byGroup: { 'perigee-archiver': { warningSeconds: 60, criticalSeconds: 600 }, 'perigee-live-a': { warningSeconds: 1.5, criticalSeconds: 3 } },
    });
    expect(() => loadConfig({ LAG_WARNING_SECONDS: '60', LAG_CRITICAL_SECONDS: '60' })).toThrow('LAG_CRITICAL_SECONDS: must exceed LAG_WARNING_SECONDS (60)');
    expect(() => loadConfig({ LAG_GROUP_THRESHOLDS: 'perigee-archiver=600:60' })).toThrow('LAG_GROUP_THRESHOLDS: perigee-archiver: need 0 < warning (600) < critical (60)');
    expect(() => loadConfig({ LAG_GROUP_THRESHOLDS: 'perigee-archiver=60' })).toThrow(/^LAG_GROUP_THRESHOLDS: expected group=warning:critical/);
    expect(() => loadConfig({ LAG_WARNING_SECONDS: '-1' })).toThrow(/^LAG_WARNING_SECONDS: /);
  });

  it('reads the mission database to run on: unset for the built-in one, one JSON or XTCE file, or definition files with CSV APIDs', () => {
    expect(loadConfig({}).missionDatabase).toBeUndefined();
    expect(loadConfig({ PERIGEE_MISSION_DB: 'server/domain/mission/fixtures/aurora.xtce.xml' }).missionDatabase).toEqual({
      files: [{ path: path.join(PROJECT_ROOT, 'server/domain/mission/fixtures/aurora.xtce.xml') }],
    });
    expect(loadConfig({ PERIGEE_MISSION_DB: '/srv/mdb/mission.json' }).missionDatabase).toEqual({ files: [{ path: '/srv/mdb/mission.json' }] });
    expect(loadConfig({ PERIGEE_MISSION_DB: '/srv/a.xml, /srv/eps.csv@0x100,/srv/adcs.csv@200' }).missionDatabase).toEqual({
      files: [{ path: '/srv/a.xml' }, { path: '/srv/eps.csv', apid: 256 }, { path: '/srv/adcs.csv', apid: 200 }],
    });
  });

  it('refuses a mission database setting it cannot use, saying why', () => {
    expect(() => loadConfig({ PERIGEE_MISSION_DB: 'mission.yaml' })).toThrow('PERIGEE_MISSION_DB: "mission.yaml": expected a .json (Perigee), .xml (XTCE) or .csv@APID (CCSDSPy) file');
    expect(() => loadConfig({ PERIGEE_MISSION_DB: 'eps.csv' })).toThrow('PERIGEE_MISSION_DB: "eps.csv": a CSV packet definition needs its APID, e.g. eps.csv@256');
    expect(() => loadConfig({ PERIGEE_MISSION_DB: 'eps.csv@4000' })).toThrow('PERIGEE_MISSION_DB: "eps.csv@4000": APID 4000 must be from 0 to 2046');
    expect(() => loadConfig({ PERIGEE_MISSION_DB: 'a.json,b.xml' })).toThrow('PERIGEE_MISSION_DB: a Perigee mission database (.json) is complete on its own; give it alone');
  });
});
