'use client';
/** The newest quarantined messages from GET /api/ops/quarantine, refreshed every five seconds. */
import { useQuery } from '@tanstack/react-query';
import type { QuarantinedMessage } from '@/server/ports/telemetry-store';
import { queryKeys } from './queryKeys';

const POLL_MS = 5000;

async function fetchQuarantine(limit: number, signal: AbortSignal): Promise<QuarantinedMessage[]> {
  const response = await fetch(`/api/ops/quarantine?limit=${limit}`, { signal });
  const body = (await response.json().catch(() => null)) as { messages?: QuarantinedMessage[]; error?: string } | null;
  if (!response.ok || !body?.messages) throw new Error(body?.error ?? `quarantine request failed (${response.status})`);
  return body.messages;
}

export function useQuarantineQuery(limit: number) {
  return useQuery({ queryKey: queryKeys.quarantine(limit), queryFn: ({ signal }) => fetchQuarantine(limit, signal), refetchInterval: POLL_MS });
}
