import type { GroupOps } from '@/server/observability/ops-snapshot';
import { Sparkline } from './Sparkline';
import { StateBadge } from './StateBadge';
import { formatRate, formatSeconds } from './ops-format';

export interface GroupCardProps {
  readonly group: GroupOps;
  /** Total lag in messages at each history point, oldest first. */
  readonly lagHistory: readonly (number | null)[];
}

/** One consumer group: lag now (messages and the oldest unconsumed message's age), its recent trend, and lag per partition. */
export function GroupCard({ group, lagHistory }: GroupCardProps) {
  const id = group.group;
  return (
    <section data-testid={`ops-group-${id}`} data-role={group.role} className="rounded-lg border border-slate-800 bg-slate-900/40 p-3">
      <header className="flex items-center justify-between gap-2">
        <div>
          <h3 className="text-sm font-semibold capitalize text-slate-100">{group.role}</h3>
          <p className="font-mono text-[11px] text-slate-500">{id}</p>
        </div>
        <StateBadge state={group.state} testId={`ops-group-state-${id}`} />
      </header>
      <dl className="mt-2 grid grid-cols-3 gap-2 text-xs">
        <div>
          <dt className="text-slate-500">lag</dt>
          <dd data-testid={`ops-lag-messages-${id}`} data-value={group.lagMessages} className="font-mono text-lg tabular-nums text-slate-100">
            {group.lagMessages}
            <span className="ml-1 text-xs text-slate-500">msg</span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">oldest unconsumed</dt>
          <dd data-testid={`ops-lag-seconds-${id}`} data-value={group.lagSeconds} className="font-mono text-lg tabular-nums text-slate-100">
            {formatSeconds(group.lagSeconds)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">consumed</dt>
          <dd data-testid={`ops-consumed-${id}`} className="font-mono text-lg tabular-nums text-slate-100">
            {formatRate(group.consumedPerSecond)}
            <span className="ml-1 text-xs text-slate-500">/s</span>
          </dd>
        </div>
      </dl>
      <div className="mt-2">
        <Sparkline values={lagHistory} testId={`ops-sparkline-${id}`} label={`lag of ${id} over the last minutes`} />
      </div>
      <details className="mt-1 text-[11px] text-slate-400">
        <summary className="cursor-pointer select-none">{group.partitions.length} partitions</summary>
        <table className="mt-1 w-full font-mono">
          <tbody>
            {group.partitions.map((p) => (
              <tr key={`${p.topic}-${p.partition}`} data-testid={`ops-partition-${id}-${p.topic}-${p.partition}`}>
                <td className="pr-2">
                  {p.topic}[{p.partition}]
                </td>
                <td className="pr-2 text-right tabular-nums">{p.lagMessages} msg</td>
                <td className="text-right tabular-nums">{formatSeconds(p.lagSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
