/** Formats a loss or other positive quantity with 4 significant digits, exponent form when small. */
export function formatLoss(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(digits - 1) : v.toPrecision(digits);
}
