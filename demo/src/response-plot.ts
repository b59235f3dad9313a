/**
 * Magnitude-response plot on a plain canvas: log-frequency x axis, dB y axis, several traces.
 * Drawing only; the responses themselves come from the node (getFrequencyResponse) or core freqz.
 */

/** One curve: magnitudes (linear) at the plot's frequencies. */
export interface ResponseTrace {
  label: string;
  color: string;
  mag: ArrayLike<number>;
  dashed?: boolean;
}

/** `n` log-spaced frequencies from `fMin` to `fMax` Hz, as Float32Array (node API wants float32). */
export function logFrequencies(n: number, fMin: number, fMax: number): Float32Array {
  const f = new Float32Array(n);
  const r = Math.log(fMax / fMin);
  for (let i = 0; i < n; i++) f[i] = fMin * Math.exp((r * i) / (n - 1));
  return f;
}

/**
 * Draws `traces` (linear magnitudes at `freqs` Hz) in dB on `canvas`. The y range spans
 * `range` dB below a top that is fitted to the highest finite trace value (rounded up to 10 dB,
 * at least `minTop`). Non-finite or zero magnitudes are clipped to the bottom of the plot.
 */
export function drawResponse(
  canvas: HTMLCanvasElement,
  freqs: ArrayLike<number>,
  traces: readonly ResponseTrace[],
  range = 70,
  minTop = 10,
): void {
  let peak = Number.NEGATIVE_INFINITY;
  for (const t of traces) {
    for (let i = 0; i < freqs.length; i++) {
      const m = t.mag[i];
      if (m > 0 && Number.isFinite(m)) peak = Math.max(peak, 20 * Math.log10(m));
    }
  }
  const dbMax = Math.max(minTop, Math.ceil((peak + 3) / 10) * 10);
  const dbMin = dbMax - range;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  const padL = 36;
  const padB = 18;
  ctx.fillStyle = '#0f1419';
  ctx.fillRect(0, 0, W, H);
  const n = freqs.length;
  const f0 = Math.log(freqs[0]);
  const f1 = Math.log(freqs[n - 1]);
  const x = (f: number) => padL + ((Math.log(f) - f0) / (f1 - f0)) * (W - padL - 4);
  const y = (db: number) =>
    4 + ((dbMax - Math.min(dbMax, Math.max(dbMin, db))) / (dbMax - dbMin)) * (H - padB - 4);
  ctx.font = '10px sans-serif';
  ctx.strokeStyle = '#2a3540';
  ctx.fillStyle = '#8a9aa8';
  ctx.lineWidth = 1;
  for (const f of [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]) {
    if (f < freqs[0] || f > freqs[n - 1]) continue;
    ctx.beginPath();
    ctx.moveTo(x(f), 4);
    ctx.lineTo(x(f), H - padB);
    ctx.stroke();
    const major = f === 100 || f === 1000 || f === 10000;
    if (major || W > 400) {
      const t = f >= 1000 ? `${f / 1000}k` : `${f}`;
      ctx.fillText(t, x(f) - ctx.measureText(t).width / 2, H - 5);
    }
  }
  ctx.fillText('Hz', W - 18, H - 5);
  for (let db = Math.ceil(dbMin / 10) * 10; db <= dbMax; db += 10) {
    ctx.beginPath();
    ctx.moveTo(padL, y(db));
    ctx.lineTo(W - 4, y(db));
    ctx.stroke();
    ctx.fillText(`${db}`, 4, y(db) + 3);
  }
  traces.forEach((t, ti) => {
    ctx.strokeStyle = t.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(t.dashed ? [6, 4] : []);
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const m = t.mag[i];
      const db = m > 0 && Number.isFinite(m) ? 20 * Math.log10(m) : dbMin;
      if (i === 0) ctx.moveTo(x(freqs[i]), y(db));
      else ctx.lineTo(x(freqs[i]), y(db));
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = t.color;
    ctx.fillText(t.label, W - 8 - ctx.measureText(t.label).width, 16 + 13 * ti);
  });
  ctx.fillStyle = '#8a9aa8';
  ctx.fillText('dB', 4, 12);
}
