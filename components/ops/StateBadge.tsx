import type { StageState } from '@/server/observability/ops-snapshot';

const STATE_CLASS: Readonly<Record<StageState, string>> = {
  up: 'bg-emerald-600/80 text-emerald-50',
  lagging: 'bg-amber-400 text-slate-950',
  paused: 'bg-red-600 text-white animate-pulse',
  idle: 'bg-slate-700 text-slate-300',
};

export function StateBadge({ state, testId }: { state: StageState; testId?: string }) {
  return (
    <span data-testid={testId} data-state={state} className={`rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase ${STATE_CLASS[state]}`}>
      {state}
    </span>
  );
}
