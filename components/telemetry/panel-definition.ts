/**
 * What a console panel needs to know about a subsystem, as plain serialisable
 * data: built on the server from the mission database and handed to client
 * components as props. Adding a subsystem or view to the mission database
 * changes this data, never the components.
 *
 * @example
 *   const panels = toPanelDefinitions(mdb);
 *   panels[2].views[0]; // { kind: 'plot', title: 'Battery', slug: 'battery', gapMs: 3000, parameters: [...] }
 */
import type { MissionDatabase } from '@/server/domain/mission/mission-database';
import type { Limits, ParameterDefinition, SubsystemDefinition } from '@/server/domain/mission/schema';

export interface PanelParameter {
  readonly id: number;
  /** Full mission-database name, e.g. "power.battery_voltage". */
  readonly name: string;
  /** Name without the subsystem prefix, for compact labels. */
  readonly label: string;
  readonly description: string;
  readonly unit: string;
  readonly limits: Limits | null;
  /** Engineering value (as a decimal string) → state name, for enumerated parameters. */
  readonly states: Readonly<Record<string, string>> | null;
  readonly zone: string | null;
  /** Expected time between samples (from its fastest packet's rate), ms: what freshness is judged against. */
  readonly periodMs: number;
}

interface ViewBase {
  readonly title: string;
  /** Title in lower-case kebab form: the view's id in data-testid attributes. */
  readonly slug: string;
  /**
   * Parameters this view is the first of its panel to show. Each parameter's
   * latest value carries data-testid="value-<name>" exactly once per panel,
   * on its first view, so the id stays unique when a node is both plotted
   * and in the grid.
   */
  readonly primaryParameterIds: readonly number[];
}

export interface PlotView extends ViewBase {
  readonly kind: 'plot';
  readonly parameters: readonly PanelParameter[];
  /** A pause between samples longer than this is drawn as a gap, ms. */
  readonly gapMs: number;
  /** While this parameter is non-zero the time axis is shaded (e.g. eclipse); null for none. */
  readonly shade: PanelParameter | null;
}

export interface OrientationView extends ViewBase {
  readonly kind: 'orientation';
  /** Scalar-first unit quaternion, body → reference frame. */
  readonly quaternion: readonly [PanelParameter, PanelParameter, PanelParameter, PanelParameter];
  readonly commanded: readonly [PanelParameter, PanelParameter, PanelParameter, PanelParameter];
}

export interface ValuesView extends ViewBase {
  readonly kind: 'values';
  readonly parameters: readonly PanelParameter[];
}

export interface GridView extends ViewBase {
  readonly kind: 'grid';
  readonly groups: readonly { readonly name: string; readonly parameters: readonly PanelParameter[] }[];
}

export type PanelView = PlotView | ValuesView | GridView | OrientationView;

export interface PanelDefinition {
  /** Subsystem id, e.g. "thermal". */
  readonly id: string;
  readonly name: string;
  readonly views: readonly PanelView[];
  /** Parameters drawn over time: the live store keeps a series buffer for each. */
  readonly seriesParameterIds: readonly number[];
  /** Grid parameters not plotted: the store keeps a short trend of each for hover and selection. */
  readonly trendParameterIds: readonly number[];
  /**
   * Parameters fetched from history when the panel opens: plotted and tabled
   * ones. Grid cells are left to the live feed; a full thermal grid of history
   * would be 200+ series to show one value each.
   */
  readonly historyParameterIds: readonly number[];
}

/** Shortest gap drawn as a break, ms: history comes back in 1 s buckets for longer windows. */
const MIN_GAP_MS = 3000;
/** Samples missed in a row before the line breaks. */
const MISSED_SAMPLES_FOR_GAP = 5;

export function toPanelDefinitions(mdb: MissionDatabase): PanelDefinition[] {
  const rateHzByName = new Map<string, number>();
  for (const layout of mdb.layouts) {
    // A parameter carried by several layouts comes at the fastest of their rates.
    for (const p of layout.parameters) rateHzByName.set(p.name, Math.max(rateHzByName.get(p.name) ?? 0, layout.rateHz));
  }
  // A subsystem without views (e.g. an imported mission's packet headers) has nothing to show.
  return mdb.subsystems.filter((s) => s.views.length > 0).map((subsystem) => toPanelDefinition(subsystem, mdb, rateHzByName));
}

function toPanelDefinition(subsystem: SubsystemDefinition, mdb: MissionDatabase, rateHzByName: ReadonlyMap<string, number>): PanelDefinition {
  const toParameter = (p: ParameterDefinition) => toPanelParameter(p, rateHzByName.get(p.name) ?? 1);
  const byName = (name: string) => toParameter(mdb.parameter(name)!); // names are checked when the database loads
  const shown = new Set<number>();
  const claim = (parameters: readonly PanelParameter[]) => {
    const primary = parameters.filter((p) => !shown.has(p.id)).map((p) => p.id);
    for (const id of primary) shown.add(id);
    return primary;
  };
  const views = subsystem.views.map((view): PanelView => {
    const title = view.title;
    const slug = slugOf(title);
    switch (view.kind) {
      case 'plot': {
        const parameters = view.parameters.map(byName);
        const slowestHz = Math.min(...view.parameters.map((name) => rateHzByName.get(name) ?? 1));
        const gapMs = Math.max(MIN_GAP_MS, (MISSED_SAMPLES_FOR_GAP * 1000) / slowestHz);
        const shade = view.shadeWhen ? byName(view.shadeWhen) : null;
        return { kind: 'plot', title, slug, parameters, primaryParameterIds: claim(parameters), gapMs, shade };
      }
      case 'values': {
        const parameters = view.parameters.map(byName);
        return { kind: 'values', title, slug, parameters, primaryParameterIds: claim(parameters) };
      }
      case 'orientation': {
        const four = (names: readonly string[]) => names.map(byName) as unknown as OrientationView['quaternion'];
        // Shows values other views carry; it claims none of their value-<name> ids.
        return { kind: 'orientation', title, slug, quaternion: four(view.quaternion), commanded: four(view.commanded), primaryParameterIds: [] };
      }
      case 'grid': {
        const parameters = mdb.parametersOf(subsystem.id).map(toParameter);
        return { kind: 'grid', title, slug, groups: groupByZone(parameters), primaryParameterIds: claim(parameters) };
      }
    }
  });
  const plotted = views.flatMap((v) =>
    v.kind === 'plot'
      ? [...v.parameters.map((p) => p.id), ...(v.shade ? [v.shade.id] : [])]
      : v.kind === 'orientation'
        ? [...v.quaternion, ...v.commanded].map((p) => p.id)
        : [],
  );
  const tabled = views.flatMap((v) => (v.kind === 'values' ? v.parameters.map((p) => p.id) : []));
  const series = new Set(plotted);
  const gridded = views.flatMap((v) => (v.kind === 'grid' ? v.groups.flatMap((g) => g.parameters.map((p) => p.id)) : []));
  return {
    id: subsystem.id,
    name: subsystem.name,
    views,
    seriesParameterIds: [...series],
    trendParameterIds: [...new Set(gridded.filter((id) => !series.has(id)))],
    historyParameterIds: [...new Set([...plotted, ...tabled])],
  };
}

function toPanelParameter(p: ParameterDefinition, rateHz: number): PanelParameter {
  return {
    id: p.id,
    name: p.name,
    label: p.name.slice(p.name.indexOf('.') + 1),
    description: p.description,
    unit: p.unit,
    limits: p.limits ?? null,
    states: p.states ?? null,
    zone: p.zone ?? null,
    periodMs: 1000 / rateHz,
  };
}

/** Groups in order of first appearance, so the grid follows the database's own ordering. */
function groupByZone(parameters: readonly PanelParameter[]): GridView['groups'] {
  const groups = new Map<string, PanelParameter[]>();
  for (const p of parameters) {
    const zone = p.zone ?? 'unzoned';
    let group = groups.get(zone);
    if (!group) groups.set(zone, (group = []));
    group.push(p);
  }
  return [...groups].map(([name, members]) => ({ name, parameters: members }));
}

/** "Solar arrays and load" → "solar-arrays-and-load". */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
