'use client';
/** The alarm event log of one satellite over a fixed window (GET /api/satellites/<id>/alarm-events), cached by window. */
import { useQuery } from '@tanstack/react-query';
import type { AlarmEventRecord } from '@/server/ports/telemetry-store';
import { queryKeys } from '../hooks/queryKeys';

export function useAlarmEvents(satelliteId: number, fromMs: number, toMs: number) {
  return useQuery({
    queryKey: queryKeys.alarmEvents(satelliteId, fromMs, toMs),
    queryFn: async ({ signal }): Promise<AlarmEventRecord[]> => {
      const query = new URLSearchParams({ from: String(Math.floor(fromMs)), to: String(Math.ceil(toMs)) });
      const response = await fetch(`/api/satellites/${satelliteId}/alarm-events?${query}`, { signal });
      const body = (await response.json().catch(() => null)) as { events?: AlarmEventRecord[]; error?: string } | null;
      if (!response.ok || !body?.events) throw new Error(body?.error ?? `alarm history request failed (${response.status})`);
      return body.events;
    },
    // A window reaching into the present gains events as they happen.
    staleTime: toMs < Date.now() - 60_000 ? Infinity : 10_000,
  });
}
