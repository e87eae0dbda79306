'use client';
/**
 * Alerts the server pushes the moment the stream rules and limit checks
 * raise or clear them (alarm:alerts), before the archive records them: of
 * one satellite, or of the whole fleet (null). Each arrival also refreshes
 * the page's alarm queries (the strip, the nav-bar summary, the critical
 * cue, the alarms page) at most every REFRESH_MS, so what the archive has
 * recorded by then shows without waiting for the next poll.
 *
 * Given the archive's alarms as last read (`fetched`), alerts the archive
 * has recorded are forgotten; so are an alarm's alerts once an operator
 * changes it (alarm:changed): they saw it recorded.
 *
 * @example
 *   const live = useLiveAlerts(101, fetchedAlarms);
 *   const news = unrecordedAlarms(fetchedAlarms, live);
 */
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Alert } from '@/server/domain/alert';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { SOCKET_EVENTS, type AlarmChange } from '@/server/realtime/events';
import { forgetAlarm, forgetRecorded, keepLiveAlerts } from '../alarms/live-alerts';
import { queryKeys } from './queryKeys';
import { useSocket } from './useSocket';

/** Least time between two refreshes of the alarm queries, ms: a burst of alerts costs one read, not one each. */
const REFRESH_MS = 250;

export function useLiveAlerts(satelliteId: number | null, fetched?: readonly AlarmRecord[]): readonly Alert[] {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const [kept, setKept] = useState<{ readonly satelliteId: number | null; readonly alerts: readonly Alert[] }>({ satelliteId, alerts: [] });
  const refresh = useRef<{ timer: ReturnType<typeof setTimeout> | null; lastMs: number }>({ timer: null, lastMs: 0 });

  useEffect(() => {
    if (!socket) return;
    const state = refresh.current;
    const invalidate = () => {
      state.timer = null;
      state.lastMs = performance.now();
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.all, 'alarms'] });
    };
    const onAlerts = (alerts: readonly Alert[]) => {
      if (state.timer === null) state.timer = setTimeout(invalidate, Math.max(0, state.lastMs + REFRESH_MS - performance.now()));
      const mine = satelliteId === null ? alerts : alerts.filter((a) => a.satelliteId === satelliteId);
      if (mine.length === 0) return;
      setKept((k) => ({ satelliteId, alerts: keepLiveAlerts(k.satelliteId === satelliteId ? k.alerts : [], mine) }));
    };
    const onChange = (change: AlarmChange) => setKept((k) => (k.satelliteId === satelliteId ? { satelliteId, alerts: forgetAlarm(change, k.alerts) } : k));
    socket.on(SOCKET_EVENTS.alarmAlerts, onAlerts);
    socket.on(SOCKET_EVENTS.alarmChanged, onChange);
    return () => {
      socket.off(SOCKET_EVENTS.alarmAlerts, onAlerts);
      socket.off(SOCKET_EVENTS.alarmChanged, onChange);
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
    };
  }, [socket, queryClient, satelliteId]);

  useEffect(() => {
    if (!fetched) return;
    setKept((k) => {
      const alerts = forgetRecorded(fetched, k.alerts);
      return alerts === k.alerts ? k : { ...k, alerts };
    });
  }, [fetched]);

  return kept.satelliteId === satelliteId ? kept.alerts : [];
}
