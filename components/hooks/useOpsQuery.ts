'use client';
/**
 * The serving node's ops snapshot and lag history from GET /api/ops, every
 * two seconds: the node samples its metrics at that interval, so polling
 * faster would only return the same snapshot.
 */
import { useQuery } from '@tanstack/react-query';
import type { OpsView } from '@/server/observability/ops-monitor';
import { queryKeys } from './queryKeys';

export const OPS_POLL_MS = 2000;

async function fetchOps(signal: AbortSignal): Promise<OpsView> {
  const response = await fetch('/api/ops', { signal });
  const body = (await response.json().catch(() => null)) as (OpsView & { error?: string }) | null;
  if (!response.ok || !body?.snapshot) throw new Error(body?.error ?? `ops request failed (${response.status})`);
  return body;
}

export function useOpsQuery() {
  return useQuery({ queryKey: queryKeys.ops(), queryFn: ({ signal }) => fetchOps(signal), refetchInterval: OPS_POLL_MS });
}
