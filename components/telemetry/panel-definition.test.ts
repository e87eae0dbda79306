import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '@/server/domain/mission/default-mission-database';
import fs from 'node:fs';
import path from 'node:path';
import { importDefinitions } from '@/server/domain/mission/import/import-definitions';
import { slugOf, toPanelDefinitions } from './panel-definition';

describe('Telemetry > toPanelDefinitions', () => {
  const panels = toPanelDefinitions(defaultMissionDatabase());

  it('describes every subsystem of the mission database with its views in order', () => {
    expect(panels.map((p) => [p.id, p.views.map((v) => `${v.kind}:${v.slug}`)])).toEqual([
      ['attitude', ['plot:attitude-quaternion', 'orientation:orientation', 'plot:body-rates', 'plot:reaction-wheel-speeds', 'values:adcs']],
      ['thermal', ['plot:selected-nodes', 'grid:all-nodes-by-zone']],
      ['power', ['plot:battery', 'plot:solar-arrays-and-load', 'plot:solar-array-power', 'values:battery-state']],
    ]);
  });

  it('groups all 208 thermal nodes by zone, 26 per zone', () => {
    const grid = panels[1]!.views[1]!;
    if (grid.kind !== 'grid') throw new Error('expected the thermal grid');
    expect(grid.groups.map((g) => [g.name, g.parameters.length])).toEqual([
      ['panel +X', 26],
      ['panel -X', 26],
      ['panel +Y', 26],
      ['panel -Y', 26],
      ['panel +Z', 26],
      ['panel -Z', 26],
      ['battery box', 26],
      ['payload bay', 26],
    ]);
    expect(grid.groups[0]!.parameters[0]).toEqual({
      id: 1000,
      name: 'thermal.node_000',
      label: 'node_000',
      description: 'Thermistor node 0 on panel +X, position 0',
      unit: '°C',
      limits: { criticalLow: -30, warningLow: -20, warningHigh: 70, criticalHigh: 85 },
      states: null,
      zone: 'panel +X',
      periodMs: 1000, // thermal packets come at 1 Hz
    });
  });

  it('fetches history for plotted and tabled parameters only, and sizes gaps by packet rate', () => {
    const power = panels[2]!;
    // The eclipse flag (109) shades the power charts, so it is kept as a series too.
    expect(power.seriesParameterIds).toEqual([100, 101, 109, 104, 105, 106, 107, 108, 110]);
    expect(power.views.flatMap((v) => (v.kind === 'plot' ? [v.shade?.name] : []))).toEqual(['power.eclipse', 'power.eclipse', 'power.eclipse']);
    expect(power.historyParameterIds).toEqual([100, 101, 109, 104, 105, 106, 107, 108, 110, 103, 102]);
    expect(panels[1]!.historyParameterIds).toHaveLength(6);
    const gaps = panels.flatMap((p) => p.views.flatMap((v) => (v.kind === 'plot' ? [[v.slug, v.gapMs]] : [])));
    expect(gaps).toEqual([
      ['attitude-quaternion', 3000],
      ['body-rates', 3000],
      ['reaction-wheel-speeds', 3000],
      ['selected-nodes', 5000],
      ['battery', 3000],
      ['solar-arrays-and-load', 3000],
      ['solar-array-power', 3000], // power v2's field comes at the packet's 5 Hz like the rest
    ]);
  });

  it('gives each parameter its value test id on the first view that shows it', () => {
    const thermal = panels[1]!;
    const [plot, grid] = thermal.views;
    expect(plot!.primaryParameterIds).toEqual([1000, 1026, 1052, 1078, 1156, 1182]);
    expect(grid!.primaryParameterIds).toHaveLength(202);
    expect(grid!.primaryParameterIds).not.toContain(1000);
    expect(panels[2]!.views.map((v) => v.primaryParameterIds.length)).toEqual([2, 5, 1, 3]);
  });

  it('gives the orientation view the quaternion and the commanded quaternion, and keeps series of both', () => {
    const orientation = panels[0]!.views[1]!;
    if (orientation.kind !== 'orientation') throw new Error('expected the orientation view');
    expect([orientation.quaternion.map((p) => p.label), orientation.commanded.map((p) => p.label)]).toEqual([
      ['q0', 'q1', 'q2', 'q3'],
      ['qc0', 'qc1', 'qc2', 'qc3'],
    ]);
    expect(orientation.primaryParameterIds).toEqual([]);
    for (const p of [...orientation.quaternion, ...orientation.commanded]) expect(panels[0]!.seriesParameterIds).toContain(p.id);
  });

  it('survives JSON serialisation unchanged, as props to client components must', () => {
    expect(JSON.parse(JSON.stringify(panels))).toEqual(panels);
  });

  it('slugs titles', () => {
    expect(slugOf('  Solar arrays & load (A) ')).toBe('solar-arrays-load-a');
  });

  it('shows the parameters of an imported XTCE mission database like built-in ones, with units, limits and states', () => {
    const file = path.join(import.meta.dirname, '../../server/domain/mission/fixtures/demosat.xtce.xml');
    const [panel] = toPanelDefinitions(importDefinitions([{ file, text: fs.readFileSync(file, 'utf8') }]));
    expect(panel?.id).toBe('demosat');
    // Derived views: a plot of the numeric, non-enumerated parameters and a table of all, without the
    // primary header's seven fields and the secondary header's packet id that selects the layout.
    expect(panel?.views.map((v) => `${v.kind}:${v.slug}`)).toEqual(['plot:demosat-trends', 'values:demosat-parameters']);
    const plot = panel!.views[0]!;
    if (plot.kind !== 'plot') throw new Error('expected a plot view');
    expect(plot.parameters.map((p) => p.label)).toEqual(['sh_coarse', 'sh_fine', 'battery_voltage', 'battery_current', 'panel_temp', 'wheel_speed', 'board_temp', 'event_code', 'event_arg']);
    const view = panel!.views[1]!;
    if (view.kind !== 'values') throw new Error('expected a values view');
    expect(view.parameters).toHaveLength(11);
    expect(view.parameters.some((p) => p.name.startsWith('demosat.ccsds_') || p.name === 'demosat.sh_packet_id')).toBe(false);
    const voltage = view.parameters.find((p) => p.name === 'demosat.battery_voltage');
    expect(voltage).toMatchObject({ unit: 'V', limits: { warningLow: 6.5, warningHigh: 8.4, criticalLow: 6, criticalHigh: 8.6 } });
    expect(view.parameters.find((p) => p.name === 'demosat.heater_on')?.states).toEqual({ '0': 'OFF', '1': 'ON' });
  });
});
