'use client';
/** The alarm event log of one satellite over a fixed window (GET /api/satellites/<id>/alarm-events), cached by window. */
import { useQuery } from '@tanstack/react-query';
import type { AlarmEventRecord } from '@/server/ports/telemetry-store';
import { queryKeys } from '../hooks/queryKeys';
import { getJson } from '../api-client';

export function useAlarmEvents(satelliteId: number, fromMs: number, toMs: number) {
  return useQuery({
    queryKey: queryKeys.alarmEvents(satelliteId, fromMs, toMs),
    queryFn: async ({ signal }): Promise<AlarmEventRecord[]> => {
      const query = new URLSearchParams({ from: String(Math.floor(fromMs)), to: String(Math.ceil(toMs)) });
      return (await getJson<{ events: AlarmEventRecord[] }>(`/api/satellites/${satelliteId}/alarm-events?${query}`, signal)).events;
    },
    // A window reaching into the present gains events as they happen.
    staleTime: toMs < Date.now() - 60_000 ? Infinity : 10_000,
  });
}
