'use client';
/**
 * In HISTORY, the alarms that were active at the cursor, replayed from the
 * alarm event log: what the alarm strip showed at that moment (the live
 * strip above keeps showing what needs attention now).
 */
import type { ActiveAlarm } from './alarm-replay';
import { formatConductorTime } from './ConductorBar';

export interface ReplayAlarmStripProps {
  readonly active: readonly ActiveAlarm[];
  readonly cursorMs: number;
  readonly error?: string;
}

export function ReplayAlarmStrip({ active, cursorMs, error }: ReplayAlarmStripProps) {
  const worst = active[0]?.severity ?? 'none';
  const frame = worst === 'critical' ? 'border-red-800 bg-red-950/30' : worst === 'warning' ? 'border-amber-700 bg-amber-950/20' : 'border-slate-800 bg-slate-900/40';
  return (
    <section data-testid="replay-alarm-strip" data-count={active.length} data-worst={worst} className={`rounded-lg border border-dashed px-3 py-2 text-xs ${frame}`}>
      <div className="flex items-baseline gap-3">
        <h2 className="font-semibold uppercase tracking-wide text-slate-300">Alarms at {formatConductorTime(cursorMs)}</h2>
        {error ? (
          <span className="text-amber-300">alarm history unavailable: {error}</span>
        ) : active.length === 0 ? (
          <span className="text-slate-500">none active then</span>
        ) : (
          <span className={worst === 'critical' ? 'font-bold text-red-300' : 'font-semibold text-amber-300'}>
            {active.length} active then, worst {worst}
          </span>
        )}
      </div>
      {active.length > 0 && (
        <ul className="mt-1 space-y-0.5">
          {active.slice(0, 6).map((a) => (
            <li key={`${a.ruleId}:${a.subject}`} data-testid={`replay-alarm-${a.subject}`} data-rule={a.ruleId} data-severity={a.severity} className={a.severity === 'critical' ? 'text-red-300' : 'text-amber-200'}>
              <span className="font-semibold">{a.severity}</span> {a.subject} · {a.message} · since {formatConductorTime(a.sinceMs)}
            </li>
          ))}
          {active.length > 6 && <li className="text-slate-400">+{active.length - 6} more</li>}
        </ul>
      )}
    </section>
  );
}
