/**
 * Linear least squares `min_s ‖Φ·s − y‖²` accumulated row by row in bounded memory: rows are
 * buffered in blocks and folded into the triangular factor R of the augmented matrix [Φ | y] by
 * Householder reflections (a streamed QR, never the normal equations, whose condition number is
 * the square of Φ's). Memory is O(p·(p + block)), whatever the number of rows.
 */

/** Result of {@link LeastSquaresQr.solve}. */
export interface LeastSquaresSolution {
  /** The minimiser s (length p). */
  s: Float64Array;
  /** ‖Φ·s − y‖² (including the ridge term when one is used). */
  residual2: number;
  /** ‖y‖² over the rows added. */
  y2: number;
}

/** Streamed QR least squares with p unknowns. */
export class LeastSquaresQr {
  readonly p: number;
  private readonly cols: number;
  private readonly blockRows: number;
  /** R of [Φ | y], row-major cols×cols (upper triangular). */
  private readonly r: Float64Array;
  /** Pending rows, column-major: column k at [k·blockRows, (k + 1)·blockRows). */
  private readonly block: Float64Array;
  private pending = 0;
  private y2 = 0;
  private rows = 0;

  constructor(p: number, blockRows = 256) {
    if (!Number.isInteger(p) || p < 1)
      throw new RangeError(`LeastSquaresQr: p must be an integer ≥ 1 (got ${p})`);
    this.p = p;
    this.cols = p + 1;
    this.blockRows = blockRows;
    this.r = new Float64Array(this.cols * this.cols);
    this.block = new Float64Array(this.cols * blockRows);
  }

  /** Number of rows added so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** An independent copy of the accumulated problem (e.g. to solve it with several ridges). */
  clone(): LeastSquaresQr {
    const c = new LeastSquaresQr(this.p, this.blockRows);
    c.r.set(this.r);
    c.block.set(this.block);
    c.pending = this.pending;
    c.y2 = this.y2;
    c.rows = this.rows;
    return c;
  }

  /** Adds the equation `phi · s ≈ y` (phi of length p). */
  addRow(phi: ArrayLike<number>, y: number): void {
    const B = this.blockRows;
    const i = this.pending;
    for (let j = 0; j < this.p; j++) this.block[j * B + i] = phi[j];
    this.block[this.p * B + i] = y;
    this.y2 += y * y;
    this.rows++;
    if (++this.pending === B) this.fold();
  }

  /** Householder-triangularises [R; pending rows] into R (rows below R's diagonal are zero). */
  private fold(): void {
    const c = this.cols;
    const B = this.blockRows;
    const m = this.pending;
    const { r, block } = this;
    for (let j = 0; j < c; j++) {
      const vj = j * B;
      let tail2 = 0;
      for (let i = 0; i < m; i++) tail2 += block[vj + i] * block[vj + i];
      if (tail2 === 0) continue;
      const x0 = r[j * c + j];
      const norm = Math.sqrt(x0 * x0 + tail2);
      const alpha = x0 >= 0 ? -norm : norm;
      const v0 = x0 - alpha;
      // H = I − β·v·vᵀ with v = [v0 (row j of R); column j of the block]
      const beta = 2 / (v0 * v0 + tail2);
      for (let k = j + 1; k < c; k++) {
        const vk = k * B;
        let dot = v0 * r[j * c + k];
        for (let i = 0; i < m; i++) dot += block[vj + i] * block[vk + i];
        const f = beta * dot;
        r[j * c + k] -= f * v0;
        for (let i = 0; i < m; i++) block[vk + i] -= f * block[vj + i];
      }
      r[j * c + j] = alpha;
    }
    this.pending = 0;
  }

  /**
   * Solves the accumulated problem, optionally with a ridge `ridge·‖col_j‖²` per unknown (relative
   * Tikhonov regularisation, which keeps rank-deficient problems such as over-parameterised
   * noise-free fits solvable). Ends the accumulation (the ridge rows are folded into R): call once.
   * Returns null when R is singular or the result is not finite.
   */
  solve(ridge = 0): LeastSquaresSolution | null {
    const p = this.p;
    const c = this.cols;
    if (this.pending > 0) this.fold();
    if (ridge > 0) {
      // column norms of Φ = column norms of R
      const scale = new Float64Array(p);
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i <= j; i++) s += this.r[i * c + j] ** 2;
        scale[j] = Math.sqrt(ridge * s);
      }
      const phi = new Float64Array(p);
      const y2 = this.y2;
      const rows = this.rows;
      for (let j = 0; j < p; j++) {
        phi.fill(0);
        phi[j] = scale[j];
        this.addRow(phi, 0);
      }
      if (this.pending > 0) this.fold();
      this.y2 = y2;
      this.rows = rows;
    }
    const w = this.r;
    const s = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let v = w[i * c + p];
      for (let k = i + 1; k < p; k++) v -= w[i * c + k] * s[k];
      const d = w[i * c + i];
      if (d === 0) return null;
      s[i] = v / d;
    }
    for (let i = 0; i < p; i++) if (!Number.isFinite(s[i])) return null;
    return { s, residual2: w[p * c + p] ** 2, y2: this.y2 };
  }
}
