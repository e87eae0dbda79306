import { sparklinePath } from './sparkline-path';

const WIDTH = 160;
const HEIGHT = 28;

/** Lag over the last minutes as a line; the page re-renders once per poll, so SVG is cheap enough here. */
export function Sparkline({ values, testId, label }: { values: readonly (number | null)[]; testId?: string; label: string }) {
  return (
    <svg data-testid={testId} data-points={values.length} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label} className="overflow-visible">
      <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="stroke-slate-700" strokeWidth={1} />
      <path d={sparklinePath(values, WIDTH, HEIGHT)} fill="none" className="stroke-sky-400" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
