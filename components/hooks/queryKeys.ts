/**
 * Every react-query key the console uses, from one factory, so invalidation
 * and prefetching name the same keys as the hooks that read them.
 *
 * @example
 *   queryClient.invalidateQueries({ queryKey: queryKeys.channelHistoryOf(101) });
 */
export interface ChannelHistoryParams {
  readonly satelliteId: number;
  readonly parameterIds: readonly number[];
  /** Window start, epoch ms. */
  readonly fromMs: number;
  /** Window end, epoch ms. */
  readonly toMs: number;
  /** Pixels the series is drawn across: how many points it may return (the server's default when absent). */
  readonly widthPx?: number;
}

const all = ['perigee'] as const;

export const queryKeys = {
  all,
  satellites: () => [...all, 'satellites'] as const,
  /** Alarms needing attention, of one satellite or (undefined) the fleet. */
  alarms: (satelliteId?: number) => [...all, 'alarms', satelliteId ?? 'fleet'] as const,
  /** The signed-in user. */
  me: () => [...all, 'me'] as const,
  /** Every alarm in every state (the alarms page filters them). */
  allAlarms: () => [...all, 'alarms', 'all'] as const,
  /** One alarm's audit history. */
  alarmHistory: (alarmId: number) => [...all, 'alarms', 'history', alarmId] as const,
  /** Accounts an alarm can be assigned to. */
  operators: () => [...all, 'operators'] as const,
  /** One page of the audit log for a filter. */
  audit: (search: string) => [...all, 'audit', search] as const,
  /** The admin page's accounts and rule thresholds. */
  adminUsers: () => [...all, 'admin', 'users'] as const,
  adminThresholds: () => [...all, 'admin', 'thresholds'] as const,
  /** The serving node's ops snapshot and lag history. */
  ops: () => [...all, 'ops'] as const,
  /** The newest quarantined messages. */
  quarantine: (limit: number) => [...all, 'ops', 'quarantine', limit] as const,
  /** One satellite's alarm event log over a window. */
  alarmEvents: (satelliteId: number, fromMs: number, toMs: number) => [...all, 'alarm-events', satelliteId, fromMs, toMs] as const,
  /** The passes list for a filter; `window` names the preset the window was computed from. */
  passes: (filter: { satelliteId?: number; station?: string; window: string }) => [...all, 'passes', filter] as const,
  /** Where one stored sample came from. */
  lineage: (satelliteId: number, parameterId: number, timeMs: number) => [...all, 'lineage', satelliteId, parameterId, timeMs] as const,
  /** Prefix of every history query of one satellite. */
  channelHistoryOf: (satelliteId: number) => [...all, 'channel-history', satelliteId] as const,
  channelHistory: ({ satelliteId, parameterIds, fromMs, toMs, widthPx }: ChannelHistoryParams) =>
    [...all, 'channel-history', satelliteId, { parameterIds: [...parameterIds], fromMs, toMs, widthPx }] as const,
};
