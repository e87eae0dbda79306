import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

/**
 * GET /api/ops → { snapshot: { groups, throughput, latency, quarantine, stages, … }, history: { atMs, groups } }
 * for the process serving the console (with `perigee start`, the whole pipeline).
 */
export async function GET(): Promise<Response> {
  const view = await getRuntime().ops();
  if (!view) return Response.json({ error: 'this node keeps no metrics' }, { status: 503 });
  return Response.json(view, { headers: { 'cache-control': 'no-store' } });
}
