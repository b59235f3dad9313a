/**
 * Pole plot of an all-pole filter 1/A(z): the roots of z^M + a_1 z^(M−1) + … + a_M (found with
 * the Aberth–Ehrlich iteration, enough for the demo's orders ≤ 48) drawn as crosses over the unit
 * circle. A pole outside the circle (red) means the filter is unstable, which a magnitude plot
 * cannot show. Drawing only.
 */

/** Roots of the monic polynomial z^M + Σ a_i z^(M−i): `{ re, im }`, M each. */
export function polePositions(a: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const M = a.length;
  const re = new Float64Array(M);
  const im = new Float64Array(M);
  if (M === 0) return { re, im };
  // Start on a circle of radius ~ the Cauchy bound's geometric mean, off the real axis.
  let bound = 0;
  for (let i = 0; i < M; i++) bound = Math.max(bound, Math.abs(a[i]) ** (1 / (i + 1)));
  const r0 = Math.max(0.5, Math.min(2, bound));
  for (let i = 0; i < M; i++) {
    const t = (2 * Math.PI * i) / M + 0.4;
    re[i] = r0 * Math.cos(t);
    im[i] = r0 * Math.sin(t);
  }
  for (let iter = 0; iter < 200; iter++) {
    let moved = 0;
    for (let i = 0; i < M; i++) {
      // p(z) and p'(z) by Horner.
      let pr = 1;
      let pi = 0;
      let dr = 0;
      let di = 0;
      const zr = re[i];
      const zi = im[i];
      for (let k = 0; k < M; k++) {
        const ndr = dr * zr - di * zi + pr;
        const ndi = dr * zi + di * zr + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * zr - pi * zi + a[k];
        const npi = pr * zi + pi * zr;
        pr = npr;
        pi = npi;
      }
      // ratio = p/p'
      const dd = dr * dr + di * di || 1e-300;
      const qr = (pr * dr + pi * di) / dd;
      const qi = (pi * dr - pr * di) / dd;
      // sum of 1/(z_i − z_j)
      let sr = 0;
      let si = 0;
      for (let j = 0; j < M; j++) {
        if (j === i) continue;
        const ur = zr - re[j];
        const ui = zi - im[j];
        const uu = ur * ur + ui * ui || 1e-300;
        sr += ur / uu;
        si -= ui / uu;
      }
      // w = q / (1 − q·s)
      const den_r = 1 - (qr * sr - qi * si);
      const den_i = -(qr * si + qi * sr);
      const den = den_r * den_r + den_i * den_i || 1e-300;
      const wr = (qr * den_r + qi * den_i) / den;
      const wi = (qi * den_r - qr * den_i) / den;
      if (Number.isFinite(wr) && Number.isFinite(wi)) {
        re[i] -= wr;
        im[i] -= wi;
        moved = Math.max(moved, Math.hypot(wr, wi));
      }
    }
    if (moved < 1e-12) break;
  }
  return { re, im };
}

/** Largest pole radius of 1/A(z) (≥ 1: unstable). */
export function poleRadius(a: ArrayLike<number>): number {
  const { re, im } = polePositions(a);
  let r = 0;
  for (let i = 0; i < re.length; i++) r = Math.max(r, Math.hypot(re[i], im[i]));
  return r;
}

/**
 * Draws the unit circle, the axes and the poles of 1/A(z) (direct-form `a`) on `canvas`. The
 * view spans ±1.25, or further when a pole lies outside; poles outside the circle are red.
 */
export function drawPoleZero(canvas: HTMLCanvasElement, a: ArrayLike<number>, label = ''): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.fillStyle = '#0f1419';
  ctx.fillRect(0, 0, W, H);
  const finite = Array.prototype.every.call(a, (v: number) => Number.isFinite(v));
  const { re, im } = finite ? polePositions(a) : { re: new Float64Array(0), im: new Float64Array(0) };
  let rMax = 0;
  for (let i = 0; i < re.length; i++) rMax = Math.max(rMax, Math.hypot(re[i], im[i]));
  const span = Math.min(4, Math.max(1.25, rMax * 1.1));
  const s = (Math.min(W, H) / 2 - 14) / span;
  const cx = W / 2;
  const cy = H / 2;
  ctx.strokeStyle = '#2a3540';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(4, cy);
  ctx.lineTo(W - 4, cy);
  ctx.moveTo(cx, 4);
  ctx.lineTo(cx, H - 4);
  ctx.stroke();
  ctx.strokeStyle = '#8a9aa8';
  ctx.beginPath();
  ctx.arc(cx, cy, s, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.font = '10px sans-serif';
  ctx.fillStyle = '#8a9aa8';
  ctx.fillText('Re', W - 18, cy - 4);
  ctx.fillText('Im', cx + 4, 12);
  ctx.fillText('|z| = 1', cx + s * 0.72 + 2, cy - s * 0.72 - 2);
  let outside = 0;
  ctx.lineWidth = 2;
  for (let i = 0; i < re.length; i++) {
    const r = Math.hypot(re[i], im[i]);
    const x = cx + Math.max(-span, Math.min(span, re[i])) * s;
    const y = cy - Math.max(-span, Math.min(span, im[i])) * s;
    if (r >= 1) outside++;
    ctx.strokeStyle = r >= 1 ? '#ff7b72' : '#58a6ff';
    ctx.beginPath();
    ctx.moveTo(x - 4, y - 4);
    ctx.lineTo(x + 4, y + 4);
    ctx.moveTo(x + 4, y - 4);
    ctx.lineTo(x - 4, y + 4);
    ctx.stroke();
  }
  ctx.fillStyle = outside ? '#ff7b72' : '#8a9aa8';
  const note = !finite
    ? 'non-finite coefficients'
    : outside
      ? `${outside} pole${outside > 1 ? 's' : ''} outside: unstable`
      : `max |pole| ${rMax.toFixed(3)}`;
  ctx.fillText(note, 6, H - 6);
  if (label) {
    ctx.fillStyle = '#8a9aa8';
    ctx.fillText(label, 6, 12);
  }
}
