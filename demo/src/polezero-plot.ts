/**
 * Pole plot of an all-pole filter 1/A(z): the roots of z^M + a_1 z^(M−1) + … + a_M (diffiir/core's
 * `polynomialRoots`) drawn as crosses over the unit circle. A pole outside the circle (red) means
 * the filter is unstable, which a magnitude plot cannot show. Drawing only.
 */
import { polynomialRoots, type Roots } from 'diffiir/core';

/** Poles of 1/A(z): roots of z^M + Σ a_i z^(M−i) (`polynomialRoots` of diffiir/core), M each. */
export function polePositions(a: ArrayLike<number>): Roots {
  if (a.length === 0) return { re: new Float64Array(0), im: new Float64Array(0) };
  return polynomialRoots([1, ...Array.from(a)]);
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
