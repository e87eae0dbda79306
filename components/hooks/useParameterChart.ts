'use client';
/**
 * The series labels and the chart source of a set of parameters read from the
 * live store, aligned over the chart's window and converted to the console's
 * display units, thinned to the chart's width: what every plot of
 * parameters (a panel's plot view, a thermal selection) hands to TimeSeriesChart.
 */
import { useMemo } from 'react';
import type { ChartSeries, ChartSource } from '../TimeSeriesChart';
import type { ChannelStore } from '../telemetry/channel-store';
import type { PanelParameter } from '../telemetry/panel-definition';
import { alignSeries, inDisplayUnits } from '../telemetry/align-series';
import { decimateColumns } from '../telemetry/decimate';
import { displayUnitOf } from '../telemetry/display-units';
import { useUnits } from './useUnits';

export function useParameterChart(parameters: readonly PanelParameter[], store: ChannelStore, gapMs: number): { series: ChartSeries[]; source: ChartSource } {
  const units = useUnits();
  const series = useMemo(() => parameters.map((p) => ({ label: p.label, unit: displayUnitOf(p.unit, units).unit })), [parameters, units]);
  const source = useMemo<ChartSource>(
    () => ({
      get version() {
        return store.version;
      },
      read: (fromMs, toMs, widthPx) =>
        inDisplayUnits(
          decimateColumns(
            alignSeries(
              parameters.map((p) => store.series(p.id)),
              { fromMs, toMs, gapMs },
            ),
            fromMs,
            toMs,
            widthPx,
          ),
          parameters.map((p) => displayUnitOf(p.unit, units)),
        ),
    }),
    [store, parameters, gapMs, units],
  );
  return { series, source };
}
