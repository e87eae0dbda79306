/**
 * Numbers as the benchmarks print them: grouped by thousands, a fixed
 * number of decimals, and a placeholder for a value that was not measured
 * (NaN from an empty series).
 *
 * @example
 *   formatNumber(97700.4); // '97,700'
 *   formatNumber(0.645, 2); // '0.65'
 *   formatNumber(NaN); // 'n/a'
 */
export function formatNumber(n: number, digits = 0, missing = 'n/a'): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : missing;
}
