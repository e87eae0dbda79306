import type { ThroughputRow } from '@/server/observability/ops-snapshot';
import { formatRate } from './ops-format';

/** Every counted flow as a rate over the last sample interval, with its total since start. */
export function ThroughputTable({ rows }: { rows: readonly ThroughputRow[] }) {
  return (
    <table data-testid="ops-throughput" className="w-full text-xs">
      <thead className="text-left uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3">Stage</th>
          <th className="py-1 pr-3">Flow</th>
          <th className="py-1 pr-3 text-right">per s</th>
          <th className="py-1 text-right">total</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.stage}|${r.what}`} data-testid="ops-throughput-row" data-stage={r.stage} data-what={r.what} data-rate={r.perSecond ?? undefined} className="border-t border-slate-800">
            <td className="py-1 pr-3 text-slate-400">{r.stage}</td>
            <td className="py-1 pr-3 font-mono text-slate-300">{r.what}</td>
            <td className="py-1 pr-3 text-right font-mono tabular-nums text-slate-100">{formatRate(r.perSecond)}</td>
            <td className="py-1 text-right font-mono tabular-nums text-slate-400">{r.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
