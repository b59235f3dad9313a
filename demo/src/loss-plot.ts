/** Live training-loss curve on a plain canvas (log-scaled y axis). Drawing only. */

/** Draws `history` (loss per step; non-finite entries skipped) on `canvas`, with `totalSteps` as x range. */
export function drawLossCurve(
  canvas: HTMLCanvasElement,
  history: ArrayLike<number>,
  totalSteps: number,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.fillStyle = '#0f1419';
  ctx.fillRect(0, 0, W, H);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < history.length; i++) {
    const v = history[i];
    if (Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  ctx.font = '10px sans-serif';
  ctx.fillStyle = '#8a9aa8';
  ctx.fillText('loss (log) / step', W - 90, H - 5);
  if (!(hi > 0)) {
    ctx.fillText('press Train: the MR-STFT loss of each step appears here', 12, H / 2);
    return;
  }
  if (hi / lo < 1.5) {
    hi *= 1.2;
    lo /= 1.2;
  }
  const lhi = Math.log10(hi);
  const llo = Math.log10(lo);
  const n = Math.max(totalSteps, history.length, 2);
  const x = (i: number) => 36 + (i / (n - 1)) * (W - 40);
  const y = (v: number) => 6 + ((lhi - Math.log10(v)) / (lhi - llo)) * (H - 26);
  ctx.fillText(hi.toPrecision(3), 2, 12);
  ctx.fillText(lo.toPrecision(3), 2, H - 20);
  ctx.strokeStyle = '#f5a623';
  ctx.lineWidth = 2;
  ctx.beginPath();
  let started = false;
  for (let i = 0; i < history.length; i++) {
    const v = history[i];
    if (!(Number.isFinite(v) && v > 0)) continue;
    if (started) ctx.lineTo(x(i), y(v));
    else ctx.moveTo(x(i), y(v));
    started = true;
  }
  ctx.stroke();
}
