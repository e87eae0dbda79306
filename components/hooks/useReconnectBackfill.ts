'use client';
/**
 * Closes the hole a lost connection leaves. When the socket drops, each
 * panel's newest onboard time is noted; when it is back, the missed interval
 * is fetched from history and merged into the live store between what was
 * held before the outage and the frames arriving again, so the plots show no
 * gap that the spacecraft did not have.
 *
 * The archive trails the live stream by a moment (the archiver batches), so a
 * backfill fetched right at reconnect can stop short of the first new live
 * frame: it is fetched again until the series has no hole left, a few times
 * at most. The same seam exists when the console opens (history is loaded up
 * to what the archive had, live frames start from now), so shortly after the
 * first connection the seam is filled the same way, silently.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ChannelStore } from '../telemetry/channel-store';
import type { PanelDefinition } from '../telemetry/panel-definition';
import { largestGapMs } from '../telemetry/series-gaps';
import { fetchChannelHistory } from './useChannelHistoryQuery';
import { queryKeys } from './queryKeys';
import type { TelemetrySocket } from './useSocket';

export type BackfillStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'outage'; readonly sinceMs: number }
  | { readonly state: 'backfilling' }
  | { readonly state: 'backfilled'; readonly samples: number; readonly missedMs: number }
  | { readonly state: 'failed'; readonly error: string };

/**
 * Tries per panel before a remaining hole is left to the archive (it shows on the next history load):
 * about 30 s, as a busy or distributed pipeline (processor and archiver behind Kafka) can keep the
 * archive many seconds behind the live stream.
 */
const MAX_ATTEMPTS = 15;
const RETRY_DELAY_MS = 2000;
/** Fetched before the last sample held, ms: the samples just before the drop may still have been in flight. */
const OVERLAP_MS = 2000;
/** After the first connection, when the archive has caught up with the moment the console opened, ms. */
const SEAM_DELAY_MS = 3000;
const MISSED_FOR_HOLE = 4;
const MIN_HOLE_MS = 500;

export function useReconnectBackfill(socket: TelemetrySocket | null, satelliteId: number, panels: readonly PanelDefinition[], store: ChannelStore): BackfillStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<BackfillStatus>({ state: 'idle' });

  useEffect(() => {
    if (!socket) return;
    let heldUntil: Map<string, number> | null = null;
    let disposed = false;

    const onDisconnect = () => {
      if (heldUntil) return; // still the same outage: keep its start
      const nowMs = Date.now();
      heldUntil = new Map(panels.map((p) => [p.id, store.lastOnboardTimeMs(p.id) ?? nowMs]));
      setStatus({ state: 'outage', sinceMs: Math.min(...heldUntil.values()) });
    };

    const backfillPanel = async (panel: PanelDefinition, fromMs: number): Promise<number> => {
      const probe = panel.seriesParameterIds[0];
      const probePeriodMs = panel.views.flatMap((v) => (v.kind === 'plot' ? v.parameters : [])).find((p) => p.id === probe)?.periodMs ?? 1000;
      // A few missed samples is jitter; more is a hole the archive should fill.
      const holeMs = Math.max(MISSED_FOR_HOLE * probePeriodMs, MIN_HOLE_MS);
      let merged = 0;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS && !disposed; attempt++) {
        const params = { satelliteId, parameterIds: panel.historyParameterIds, fromMs, toMs: Date.now() };
        const result = await queryClient.fetchQuery({
          queryKey: queryKeys.channelHistory(params),
          queryFn: ({ signal }) => fetchChannelHistory(params, signal),
          staleTime: 0,
        });
        if (disposed) break;
        store.mergeHistory(panel.id, result.series);
        merged += result.series.reduce((n, s) => n + s.timesMs.length, 0);
        const buffer = probe === undefined ? undefined : store.series(probe);
        // Up to the newest sample held, which is live again: a hole between the archive's end and it shows here.
        if (!buffer || largestGapMs(buffer, fromMs, buffer.lastTimeMs ?? fromMs) <= holeMs) break;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
      return merged;
    };

    let seamTimer: ReturnType<typeof setTimeout> | undefined;
    const fillOpeningSeam = () => {
      const fromMs = Date.now() - SEAM_DELAY_MS - OVERLAP_MS * 2;
      seamTimer = setTimeout(() => {
        for (const p of panels) if (p.historyParameterIds.length > 0) backfillPanel(p, fromMs).catch(() => {}); // best effort: history shows it on the next load
      }, SEAM_DELAY_MS);
    };

    const onConnect = () => {
      if (seamTimer === undefined) fillOpeningSeam();
      const held = heldUntil;
      heldUntil = null;
      if (!held) return;
      const missedMs = Date.now() - Math.min(...held.values());
      setStatus({ state: 'backfilling' });
      const work = panels.filter((p) => p.historyParameterIds.length > 0).map((p) => backfillPanel(p, held.get(p.id)! - OVERLAP_MS));
      Promise.all(work).then(
        (counts) => {
          if (!disposed) setStatus({ state: 'backfilled', samples: counts.reduce((a, b) => a + b, 0), missedMs });
        },
        (error: unknown) => {
          if (!disposed) setStatus({ state: 'failed', error: error instanceof Error ? error.message : String(error) });
        },
      );
    };

    socket.on('disconnect', onDisconnect);
    socket.on('connect', onConnect);
    if (socket.connected) fillOpeningSeam();
    return () => {
      disposed = true;
      clearTimeout(seamTimer);
      socket.off('disconnect', onDisconnect);
      socket.off('connect', onConnect);
    };
  }, [socket, satelliteId, panels, store, queryClient]);

  return status;
}
