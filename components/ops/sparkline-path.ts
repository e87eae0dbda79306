/**
 * The SVG path of a sparkline: values scaled into a width × height box from 0
 * (at the bottom) to the series' maximum, nulls breaking the line. Lag starts
 * at 0, so the axis does too: a flat line at 3 messages must not look like a
 * spike.
 *
 * @example
 *   sparklinePath([0, 2, 4], 100, 20); // 'M0,20L50,10L100,0'
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number): string {
  if (values.length === 0) return '';
  let max = 0;
  for (const v of values) if (v !== null && v > max) max = v;
  const stepX = values.length > 1 ? width / (values.length - 1) : 0;
  let path = '';
  let penDown = false;
  values.forEach((v, i) => {
    if (v === null) {
      penDown = false;
      return;
    }
    const x = round(i * stepX);
    const y = round(max > 0 ? height - (v / max) * height : height);
    path += `${penDown ? 'L' : 'M'}${x},${y}`;
    penDown = true;
  });
  return path;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
