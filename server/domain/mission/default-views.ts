/**
 * Console views for subsystems whose definitions bring none (an XTCE or CSV
 * import says nothing about displays): a plot of up to ten numeric
 * parameters and a table of every value, so imported parameters show live
 * like the built-in ones. Packet bookkeeping is left out: the primary
 * header's fields, the fields that select a layout, and the fields holding
 * the spacecraft id and onboard time.
 *
 * @example
 *   withDefaultViews(mdb.file, mdb).subsystems[0].views;
 *   // [{ kind: 'plot', title: 'EPS trends', parameters: [...10] }, { kind: 'values', title: 'EPS parameters', parameters: [...] }]
 */
import type { MissionDatabase } from './mission-database';
import type { MissionDatabaseFile, ParameterDefinition, ViewDefinition } from './schema';

/** Most series one derived plot draws: beyond about ten lines a plot stops being readable. */
export const DEFAULT_PLOT_SERIES = 10;
const isEnumerated = (p: ParameterDefinition) => p.states !== undefined || p.stateRanges !== undefined;

/** The file with derived views on every subsystem that has none; other subsystems unchanged. */
export function withDefaultViews(file: MissionDatabaseFile, mdb: MissionDatabase): MissionDatabaseFile {
  const skip = mdb.bookkeeping;
  const subsystems = file.subsystems.map((subsystem) => {
    if (subsystem.views.length > 0) return subsystem;
    const shown = mdb.parametersOf(subsystem.id).filter((p) => !skip.has(p.name));
    if (shown.length === 0) return subsystem;
    const plotted = shown.filter((p) => !isEnumerated(p)).slice(0, DEFAULT_PLOT_SERIES);
    const views: ViewDefinition[] = [];
    if (plotted.length > 0) views.push({ kind: 'plot', title: `${subsystem.name} trends`, parameters: plotted.map((p) => p.name) });
    views.push({ kind: 'values', title: `${subsystem.name} parameters`, parameters: shown.map((p) => p.name) });
    return { ...subsystem, views };
  });
  return { ...file, subsystems };
}
