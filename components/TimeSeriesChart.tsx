'use client';
/**
 * The one component that owns a uPlot instance. The chart is created once
 * per series layout and then only fed: a requestAnimationFrame loop calls
 * `setData` when the source's version or the time window has changed, at most
 * every MIN_REDRAW_MS, so a 10 Hz stream never re-renders React or rebuilds
 * the chart (uPlot demos/stream-data.html). Resizes go through `setSize`.
 */
import { memo, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AlignedColumns } from './telemetry/align-series';
import { formatValue } from './telemetry/format';
import { useChartCursor } from './hooks/useChartCursor';

export interface ChartSeries {
  readonly label: string;
  readonly unit: string;
}

/**
 * Where a chart reads its data: `version` changes whenever `read` would
 * return something new. `widthPx` is the plot's width: a source with more
 * rows than that can show thins them (decimateColumns).
 */
export interface ChartSource {
  readonly version: number;
  read(fromMs: number, toMs: number, widthPx: number): AlignedColumns;
}

export interface TimeSeriesChartProps {
  readonly testId: string;
  readonly series: readonly ChartSeries[];
  readonly source: ChartSource;
  /** Visible window, epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Charts with the same key share a cursor (uPlot cursor.sync). */
  readonly syncKey?: string;
  /** Time stretches to shade behind the series (e.g. eclipse), read at every redraw. */
  readonly shading?: (fromMs: number, toMs: number) => readonly (readonly [number, number])[];
  readonly shadingLabel?: string;
  readonly heightPx?: number;
}

/**
 * Redraw cap: at most 10 fps, and no more often than the window moves by one
 * pixel (a 10-minute window 600 px wide moves a pixel a second), but at least
 * every 250 ms so a new value is on the plot within a quarter second.
 */
const MIN_REDRAW_MS = 100;
const MAX_REDRAW_MS = 250;
const PALETTE = ['#38bdf8', '#f472b6', '#a3e635', '#fbbf24', '#c084fc', '#2dd4bf'];
const AXIS = { stroke: '#94a3b8', grid: { stroke: '#1e293b', width: 1 }, ticks: { stroke: '#334155', width: 1 } };

/** Line colour of the series at `index`, so legends outside the chart can match it. */
export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

const SHADE_FILL = 'rgba(100, 116, 139, 0.22)';
const CURSOR_STROKE = '#f8fafc';

export const TimeSeriesChart = memo(function TimeSeriesChart({ testId, series, source, fromMs, toMs, syncKey, heightPx = 180, shading, shadingLabel }: TimeSeriesChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef({ fromMs, toMs });
  const sourceRef = useRef(source);
  const shadingRef = useRef(shading);
  const markerMs = useChartCursor();
  const markerRef = useRef(markerMs);
  useEffect(() => {
    windowRef.current = { fromMs, toMs };
    sourceRef.current = source;
    shadingRef.current = shading;
    markerRef.current = markerMs;
  }, [fromMs, toMs, source, shading, markerMs]);

  // Re-create only when the series themselves change, not when the parent passes an equal new array.
  const layoutKey = series.map((s) => `${s.label}\u0000${s.unit}`).join('\u0001');

  useEffect(() => {
    const container = containerRef.current!;
    const widthPx = () => Math.max(200, container.clientWidth);
    const options: uPlot.Options = {
      width: widthPx(),
      height: heightPx,
      ms: 1, // x values are epoch milliseconds
      scales: {
        // The x range is the time window, not the data's extent: a pause shows as empty space at the right.
        x: { time: true, range: () => [windowRef.current.fromMs, windowRef.current.toMs] },
      },
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.unit ? `${s.label} (${s.unit})` : s.label,
          stroke: seriesColor(i),
          width: 1.5,
          value: (_u: uPlot, v: number | null) => formatValue(v),
        })),
      ],
      axes: [AXIS, { ...AXIS, size: 56 }],
      // The panel's latest-value strip is the legend; uPlot's would repeat every label.
      legend: { show: false },
      cursor: syncKey ? { sync: { key: syncKey } } : {},
      hooks: {
        // Behind axes and series: shaded stretches (eclipse) of the visible window.
        drawClear: [
          (u: uPlot) => {
            const shade = shadingRef.current;
            if (!shade) return;
            const { fromMs: from, toMs: to } = windowRef.current;
            const stretches = shade(from, to);
            container.dataset.shadedCount = String(stretches.length);
            const { ctx, bbox } = u;
            ctx.save();
            ctx.fillStyle = SHADE_FILL;
            for (const [a, b] of stretches) {
              const x0 = u.valToPos(a, 'x', true);
              const x1 = u.valToPos(b, 'x', true);
              ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
            }
            ctx.restore();
          },
        ],
        // Over the series: the history cursor, where the console's values are read.
        draw: [
          (u: uPlot) => {
            const at = markerRef.current;
            container.dataset.cursorMs = at === null ? '' : String(Math.round(at));
            if (at === null) return;
            const x = Math.round(u.valToPos(at, 'x', true));
            const { ctx, bbox } = u;
            ctx.save();
            ctx.strokeStyle = CURSOR_STROKE;
            ctx.lineWidth = Math.max(1, devicePixelRatio);
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, bbox.top + bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    const empty: uPlot.AlignedData = [[], ...series.map(() => [])];
    const chart = new uPlot(options, empty, container);

    const resize = new ResizeObserver(() => chart.setSize({ width: widthPx(), height: heightPx }));
    resize.observe(container);

    let frame = 0;
    let lastDrawMs = -Infinity;
    let drawnVersion = -1;
    let drawnWindow: { fromMs: number; toMs: number } | undefined;
    let drawnMarker: number | null = null;
    const draw = (timeMs: number) => {
      frame = requestAnimationFrame(draw);
      if (markerRef.current !== drawnMarker && drawnWindow !== undefined) {
        // Only the cursor moved: repaint from the cached paths.
        drawnMarker = markerRef.current;
        chart.redraw(false, false);
      }
      const windowMs = windowRef.current.toMs - windowRef.current.fromMs;
      const msPerPixel = windowMs / Math.max(1, chart.bbox.width / devicePixelRatio);
      if (timeMs - lastDrawMs < Math.min(MAX_REDRAW_MS, Math.max(MIN_REDRAW_MS, msPerPixel))) return;
      const source = sourceRef.current;
      const visible = windowRef.current;
      if (source.version === drawnVersion && visible === drawnWindow) return;
      const data = source.read(visible.fromMs, visible.toMs, chart.bbox.width / devicePixelRatio);
      drawnMarker = markerRef.current;
      chart.setData(data as uPlot.AlignedData);
      container.dataset.pointCount = String(data[0].length);
      lastDrawMs = timeMs;
      drawnVersion = source.version;
      drawnWindow = visible;
    };
    frame = requestAnimationFrame(draw);

    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      chart.destroy();
    };
    // layoutKey stands for `series`; heightPx and syncKey are part of the chart's construction.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutKey, heightPx, syncKey]);

  return (
    <div
      ref={containerRef}
      data-testid={testId}
      data-point-count="0"
      title={shading && shadingLabel ? `shaded: ${shadingLabel}` : undefined}
      className="w-full min-w-0"
    />
  );
});
