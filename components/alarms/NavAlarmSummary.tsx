'use client';
/**
 * The alarm summary in the navigation bar of every page: how many alarms
 * need attention across the fleet and the worst severity among them, linking
 * to the alarms page. Shares the fleet alarm query (and its polling) with
 * the critical-alarm cue, so it costs no request of its own.
 */
import Link from 'next/link';
import { useFleetAlarms } from './useFleetAlarms';

export function NavAlarmSummary() {
  const query = useFleetAlarms();
  if (!query.data) return null;
  const count = query.data.length;
  const worst = query.data.some((r) => r.alarm.severity === 'critical') ? 'critical' : count > 0 ? 'warning' : 'none';
  const colour = worst === 'critical' ? 'bg-red-700 text-red-50' : worst === 'warning' ? 'bg-amber-500 text-slate-950' : 'bg-slate-800 text-slate-400';
  return (
    <Link
      href="/alarms"
      data-testid="nav-alarm-summary"
      data-count={count}
      data-worst={worst}
      title={count === 0 ? 'no alarm needs attention' : `${count} alarm${count > 1 ? 's' : ''} need attention, worst ${worst}`}
      className={`rounded px-2 py-0.5 text-xs font-semibold ${colour}`}
    >
      {count === 0 ? 'no alarms' : `${count} alarm${count > 1 ? 's' : ''} · ${worst}`}
    </Link>
  );
}
