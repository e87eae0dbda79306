/**
 * The archive in two lanes, each an archiver with a consumer group of its
 * own, as the worker runs it:
 *   - telemetry (group `<groupId>`): raw packets, samples, quarantine and
 *     station events — where a pass dump's backlog queues;
 *   - alarms (group `<groupId>-alarms`): telemetry.alerts alone.
 * In one group, an alert waited for a partition slot behind the dump's
 * sample batches: recorded (and so open to acknowledgement) seconds late. In
 * its own lane it is recorded as it comes, whatever the dump. Each lane
 * records its own offsets with its rows, so each is effectively once.
 *
 * @example
 *   const archive = await startArchiveLanes({ bus, store, mdb, groupId: 'perigee-archiver', log });
 *   archive.stats().samples;
 */
import { stage } from '../topology';
import { startArchiver, type Archiver, type ArchiverOptions } from './archiver';

/** The alarm lane's consumer group: the archiver's, with this suffix. */
export const ALARM_LANE_SUFFIX = '-alarms';

/**
 * Longest the alarm lane's fetch waits for new alerts, ms. The alerts topic
 * is quiet, so its fetches mostly wait: librdkafka's mock cluster holds
 * them for the whole wait even when an alert arrives meanwhile, and the
 * bus default (100 ms) put ~50 ms on recording each alarm.
 */
export const ALARM_LANE_MAX_WAIT_MS = 20;

export function alarmLaneGroupId(archiverGroupId: string): string {
  return `${archiverGroupId}${ALARM_LANE_SUFFIX}`;
}

/**
 * Starts both lanes. The batching and concurrency settings apply to the
 * telemetry lane; the alarm lane takes one partition at a time, as it
 * comes (the consoles have it from the alarm feed already).
 */
export async function startArchiveLanes(options: Omit<ArchiverOptions, 'topics'>): Promise<Archiver> {
  const { bus, store, mdb, groupId, log, now, metrics } = options;
  // Started together: neither lane waits for the other's subscription.
  const [telemetryStart, alarmsStart] = await Promise.allSettled([
    startArchiver({ ...options, topics: stage('archiver').consumes }),
    startArchiver({
      bus,
      store,
      mdb,
      groupId: alarmLaneGroupId(groupId),
      log: log.namespace('alarms'),
      now,
      metrics,
      topics: stage('archiver-alarms').consumes,
      maxWaitMs: ALARM_LANE_MAX_WAIT_MS,
    }),
  ]);
  if (telemetryStart.status === 'rejected' || alarmsStart.status === 'rejected') {
    await Promise.all([telemetryStart, alarmsStart].map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw telemetryStart.status === 'rejected' ? telemetryStart.reason : (alarmsStart as PromiseRejectedResult).reason;
  }
  const [telemetry, alarms] = [telemetryStart.value, alarmsStart.value];
  return {
    stats: () => {
      const [t, a] = [telemetry.stats(), alarms.stats()];
      return {
        batches: t.batches + a.batches,
        messagesStored: t.messagesStored + a.messagesStored,
        messagesSkipped: t.messagesSkipped + a.messagesSkipped,
        samples: t.samples + a.samples,
        duplicateSamples: t.duplicateSamples + a.duplicateSamples,
        lastBatchMs: t.lastBatchMs,
      };
    },
    stop: async () => {
      await Promise.all([alarms.stop(), telemetry.stop()]);
    },
  };
}
