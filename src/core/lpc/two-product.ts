/** Error-free product without FMA (Dekker/Veltkamp splitting) and sum (TwoSum), shared by the compensated dots. */

/** Veltkamp splitter 2^27 + 1 for float64. */
const SPLIT = 134217729;

/**
 * Rounding error `e` of the float64 product `p = x·y` (TwoProduct): `x·y = p + e` exactly, barring
 * overflow/underflow. `p` must be the rounded product `x * y`.
 */
export function twoProductError(x: number, y: number, p: number): number {
  let t = SPLIT * x;
  const xh = t - (t - x);
  const xl = x - xh;
  t = SPLIT * y;
  const yh = t - (t - y);
  const yl = y - yh;
  return xl * yl - (p - xh * yh - xl * yh - xh * yl);
}

/**
 * Rounding error `q` of the float64 sum `s = a + b` (Knuth's TwoSum): `a + b = s + q` exactly,
 * barring overflow. `s` must be the rounded sum `a + b`.
 */
export function twoSumError(a: number, b: number, s: number): number {
  const bv = s - a;
  return a - (s - bv) + (b - bv);
}
