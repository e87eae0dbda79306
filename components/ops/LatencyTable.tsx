import type { LatencyRow } from '@/server/observability/ops-snapshot';
import { formatLatencyMs } from './ops-format';

/** p50/p95/p99 estimated from the latency histograms' buckets, since the process started. */
export function LatencyTable({ rows }: { rows: readonly LatencyRow[] }) {
  return (
    <table data-testid="ops-latency" className="w-full text-xs">
      <thead className="text-left uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3">Path</th>
          <th className="py-1 pr-3 text-right">p50</th>
          <th className="py-1 pr-3 text-right">p95</th>
          <th className="py-1 pr-3 text-right">p99</th>
          <th className="py-1 text-right">count</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid={`ops-latency-${r.id}`} data-p50-seconds={r.p50Seconds ?? undefined} className="border-t border-slate-800">
            <td className="py-1 pr-3 text-slate-300">{r.label}</td>
            <td className="py-1 pr-3 text-right font-mono tabular-nums text-slate-100">{formatLatencyMs(r.p50Seconds)}</td>
            <td className="py-1 pr-3 text-right font-mono tabular-nums text-slate-100">{formatLatencyMs(r.p95Seconds)}</td>
            <td className="py-1 pr-3 text-right font-mono tabular-nums text-slate-100">{formatLatencyMs(r.p99Seconds)}</td>
            <td className="py-1 text-right font-mono tabular-nums text-slate-400">{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
