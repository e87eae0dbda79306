import type { QuarantineCount } from '@/server/observability/ops-snapshot';

/** Refusals since the process started, most frequent first. */
export function QuarantineReasons({ counts }: { counts: readonly QuarantineCount[] }) {
  if (counts.length === 0) return <p data-testid="ops-quarantine-reasons" className="text-xs text-slate-500">nothing quarantined since start</p>;
  return (
    <table data-testid="ops-quarantine-reasons" className="w-full text-xs">
      <thead className="text-left uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 pr-3">Stage</th>
          <th className="py-1 pr-3">Reason</th>
          <th className="py-1 text-right">count</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={`${c.stage}|${c.reason}`} data-testid={`ops-quarantine-reason-${c.stage}-${c.reason}`} data-count={c.count} className="border-t border-slate-800">
            <td className="py-1 pr-3 text-slate-400">{c.stage}</td>
            <td className="py-1 pr-3 font-mono text-amber-300">{c.reason}</td>
            <td className="py-1 text-right font-mono tabular-nums text-slate-100">{c.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
