'use client';
/**
 * The fleet's alarms needing attention (GET /api/alarms), polled every two
 * seconds: one query, shared by every component on the page that shows them
 * (the nav-bar summary, the critical-alarm cue).
 */
import { useQuery } from '@tanstack/react-query';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { getJson } from '../api-client';
import { queryKeys } from '../hooks/queryKeys';

export const FLEET_ALARMS_POLL_MS = 2000;

export function useFleetAlarms() {
  return useQuery({
    queryKey: queryKeys.alarms(),
    queryFn: ({ signal }) => getJson<{ alarms: AlarmRecord[] }>('/api/alarms', signal).then((b) => b.alarms),
    refetchInterval: FLEET_ALARMS_POLL_MS,
    retry: false,
  });
}
