'use client';
/**
 * uPlot chart of one parameter from several passes, x = seconds since AOS.
 * Created once per set of passes, then fed with setData; resized with setSize.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { OverlayColumns } from './overlay-data';

const COLOURS = ['#38bdf8', '#f472b6', '#a3e635', '#facc15', '#fb923c', '#c084fc', '#2dd4bf', '#f87171'];

export interface OverlayChartProps {
  readonly labels: readonly string[];
  readonly unit: string;
  readonly data: OverlayColumns;
  readonly heightPx?: number;
}

export function OverlayChart({ labels, unit, data, heightPx = 320 }: OverlayChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const layout = labels.join('\u0000') + unit;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = { stroke: '#94a3b8', grid: { stroke: '#1e293b' }, ticks: { stroke: '#334155' } };
    const u = new uPlot(
      {
        width: el.clientWidth || 800,
        height: heightPx,
        scales: { x: { time: false } },
        axes: [
          { ...axis, label: 'seconds since AOS' },
          { ...axis, label: unit, size: 60 },
        ],
        series: [{ label: 's since AOS' }, ...labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false }))],
        legend: { live: true },
      },
      data as uPlot.AlignedData,
      el,
    );
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: heightPx }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
    // The chart is rebuilt only when the series change; data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, heightPx]);

  useEffect(() => {
    chart.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div ref={host} data-testid="overlay-chart" data-series={labels.length} data-points={data[0].length} className="w-full" />;
}
