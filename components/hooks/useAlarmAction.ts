'use client';
/**
 * Sends one operator action on an alarm (POST /api/alarms/<id> with the
 * version the console showed) and keeps what a control needs to show it:
 * busy while in flight, the server's reason when refused. `onDone` runs
 * either way (refresh the list); `onSuccess` only when it was applied.
 */
import { useState } from 'react';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { sendJson } from '../api-client';

export type AlarmActionBody =
  | { action: 'acknowledge'; comment: string }
  | { action: 'shelve'; comment: string; durationMs: number }
  | { action: 'shelve'; comment: string; untilEndOfPass: true }
  | { action: 'unshelve' }
  | { action: 'assign'; assignee: string | null };

export function useAlarmAction(record: AlarmRecord, { onDone, onSuccess }: { onDone: () => void; onSuccess: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (body: AlarmActionBody) => {
    setBusy(true);
    setError(null);
    try {
      await sendJson('POST', `/api/alarms/${record.id}`, { ...body, version: record.version });
      onSuccess();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return { busy, error, run };
}
