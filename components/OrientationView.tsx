'use client';
/**
 * The spacecraft's orientation from its attitude quaternion: body axes
 * (X red, Y green, Z blue) drawn in an isometric view of the reference frame,
 * the commanded axes dashed behind them, the attitude error (angle between
 * the two) as a number coloured against the 5° deviation threshold, and the
 * error's trend over the chart window. Everything is derived from the live
 * store at render; nothing is kept per sample.
 */
import { useMemo } from 'react';
import { decimateColumns } from './telemetry/decimate';
import type { ChannelStore } from './telemetry/channel-store';
import type { OrientationView as OrientationDefinition } from './telemetry/panel-definition';
import { attitudeErrorDeg, isometric, rotate, type Quaternion, type Vector3 } from './telemetry/quaternion';
import { formatValue } from './telemetry/format';
import { TimeSeriesChart, type ChartSource } from './TimeSeriesChart';
import type { AlignedColumns } from './telemetry/align-series';

/** The attitude-deviation rule's threshold (rules.json: 5 s over 5°); shown amber from half of it. */
const ERROR_CRITICAL_DEG = 5;
const ERROR_WARNING_DEG = 2.5;
const SIZE = 150;
const AXES: readonly { readonly label: string; readonly v: Vector3; readonly colour: string }[] = [
  { label: 'X', v: [1, 0, 0], colour: '#f87171' },
  { label: 'Y', v: [0, 1, 0], colour: '#4ade80' },
  { label: 'Z', v: [0, 0, 1], colour: '#60a5fa' },
];

function latestQuaternion(store: ChannelStore, ids: readonly { id: number }[]): Quaternion | undefined {
  const values = ids.map((p) => store.latest(p.id)?.value);
  if (values.some((v) => v === null || v === undefined)) return undefined;
  const q = values as number[];
  return Math.hypot(...q) > 0 ? [q[0]!, q[1]!, q[2]!, q[3]!] : undefined;
}

export function OrientationView({
  view,
  store,
  chartWindow,
}: {
  view: OrientationDefinition;
  store: ChannelStore;
  chartWindow: { fromMs: number; toMs: number } | null;
}) {
  const q = latestQuaternion(store, view.quaternion);
  const qc = latestQuaternion(store, view.commanded);
  const errorDeg = q && qc ? attitudeErrorDeg(q, qc) : undefined;
  const level = errorDeg === undefined ? 'unknown' : errorDeg > ERROR_CRITICAL_DEG ? 'critical' : errorDeg > ERROR_WARNING_DEG ? 'warning' : 'nominal';
  const colour = { unknown: 'text-slate-500', nominal: 'text-slate-100', warning: 'text-amber-300', critical: 'text-red-400' }[level];

  const series = useMemo(() => [{ label: 'attitude error', unit: 'deg' }], []);
  const source = useMemo<ChartSource>(
    () => ({
      get version() {
        return store.version;
      },
      read: (fromMs, toMs, widthPx) => decimateColumns(errorSeries(store, view, fromMs, toMs), fromMs, toMs, widthPx),
    }),
    [store, view],
  );

  const centre = SIZE / 2;
  const scale = SIZE * 0.36;
  const point = (v: Vector3) => {
    const [x, y] = isometric(v);
    return [centre + x * scale, centre + y * scale] as const;
  };

  return (
    <div className="flex flex-wrap items-start gap-4">
      <svg data-testid="orientation" width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label="spacecraft body axes">
        {AXES.map((a) => {
          const [x, y] = point(a.v);
          return <line key={`ref-${a.label}`} x1={centre} y1={centre} x2={x} y2={y} stroke="#334155" strokeWidth={1} />;
        })}
        {qc &&
          AXES.map((a) => {
            const [x, y] = point(rotate(qc, a.v));
            return <line key={`cmd-${a.label}`} x1={centre} y1={centre} x2={x} y2={y} stroke={a.colour} strokeOpacity={0.45} strokeDasharray="3 3" strokeWidth={1.5} />;
          })}
        {q &&
          AXES.map((a) => {
            const tip = rotate(q, a.v);
            const [x, y] = point(tip);
            return (
              <g key={`body-${a.label}`} data-axis={a.label} data-direction={tip.map((c) => c.toFixed(3)).join(',')}>
                <line x1={centre} y1={centre} x2={x} y2={y} stroke={a.colour} strokeWidth={2.5} />
                <text x={x} y={y} dx={3} dy={-3} fill={a.colour} fontSize={11} fontWeight={600}>
                  {a.label}
                </text>
              </g>
            );
          })}
        {!q && (
          <text x={centre} y={centre} textAnchor="middle" fill="#64748b" fontSize={11}>
            no attitude yet
          </text>
        )}
      </svg>
      <div className="min-w-0 flex-1">
        <div className="text-xs text-slate-400">
          attitude error vs commanded{' '}
          <span data-testid="attitude-error" data-value={errorDeg} data-limit-state={level} className={`font-mono text-sm tabular-nums ${colour}`}>
            {errorDeg === undefined ? '—' : formatValue(errorDeg)}
          </span>{' '}
          deg
        </div>
        {chartWindow && (
          <TimeSeriesChart testId={`chart-${view.slug}`} series={series} source={source} fromMs={chartWindow.fromMs} toMs={chartWindow.toMs} heightPx={110} />
        )}
      </div>
    </div>
  );
}

/**
 * Attitude error at every instant where all eight components were sampled
 * (they travel in one packet). Coalesced frames can give each component its
 * own min/max instants, so components are matched by time, not by index.
 */
function errorSeries(store: ChannelStore, view: OrientationDefinition, fromMs: number, toMs: number): AlignedColumns {
  const buffers = [...view.quaternion, ...view.commanded].map((p) => store.series(p.id));
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  const lead = buffers[0];
  if (!lead || buffers.some((b) => !b)) return [xs, ys];
  const values = new Array<number>(8);
  for (let i = lead.lowerBound(fromMs), end = lead.upperBound(toMs); i < end; i++) {
    const t = lead.timeAt(i);
    let complete = true;
    for (let k = 0; k < 8 && complete; k++) {
      const b = buffers[k]!;
      const at = k === 0 ? i : b.lowerBound(t);
      const v = at < b.length && b.timeAt(at) === t ? b.valueAt(at) : null;
      if (v === null) complete = false;
      else values[k] = v;
    }
    if (!complete) continue;
    const q: Quaternion = [values[0]!, values[1]!, values[2]!, values[3]!];
    const c: Quaternion = [values[4]!, values[5]!, values[6]!, values[7]!];
    if (!(Math.hypot(...q) > 0) || !(Math.hypot(...c) > 0)) continue;
    xs.push(t);
    ys.push(attitudeErrorDeg(q, c));
  }
  return [xs, ys];
}
