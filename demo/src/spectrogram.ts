/**
 * Spectrograms of example/target/output signals: the core's Hann-windowed power STFT
 * (`powerSpectrogram`), drawn as a heat map on a canvas (time → x, log-ish frequency → y,
 * dB → colour).
 */
import { powerSpectrogram } from 'diffiir/core';

/** STFT magnitudes in dB, row-major `frames × bins` (bins = fftSize/2 + 1). */
export interface Spectrogram {
  frames: number;
  bins: number;
  db: Float32Array;
}

/** Hann-windowed STFT of `x` (frames of `fftSize`, step `hop`), magnitudes in dB (floor -120). */
export function computeSpectrogram(x: ArrayLike<number>, fftSize = 1024, hop = 256): Spectrogram {
  // whole frames only (the last one ends at or before the signal's end)
  const frames = Math.max(1, Math.floor((x.length - fftSize) / hop) + 1);
  const { power, bins } = powerSpectrogram(x, { nFft: fftSize, hop, frames });
  const db = new Float32Array(power.length);
  for (let i = 0; i < power.length; i++) db[i] = Math.max(-120, 10 * Math.log10(power[i] + 1e-30));
  return { frames, bins, db };
}

/** Colour of a level in [0, 1] (0: `range` dB below the maximum, 1: the maximum). */
function colour(t: number): [number, number, number] {
  // Dark blue → magenta → orange → pale yellow.
  const c = Math.min(1, Math.max(0, t));
  return [
    Math.round(255 * Math.min(1, 1.6 * c)),
    Math.round(255 * Math.max(0, c * c * 1.1 - 0.1)),
    Math.round(255 * (0.25 + 0.5 * Math.sin(Math.PI * c))),
  ];
}

/** 256 RGBA colours of the map, as little-endian 32-bit pixels (built once). */
const LUT = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  const [r, g, b] = colour(i / 255);
  LUT[i] = (255 << 24) | (b << 16) | (g << 8) | r;
}

/** Axes of a spectrogram: the signal's sample rate and the STFT hop (samples). */
export interface SpectrogramAxes {
  sampleRate: number;
  hop: number;
  fftSize: number;
}

const PAD_L = 44;
const PAD_B = 16;
const PAD_R = 52;
const PAD_T = 6;

/**
 * Draws `s` on `canvas` with a `range` dB dynamic range below the maximum: time (s) → x,
 * frequency (Hz, square-root warped so formants below 4 kHz get most of the height) → y, and a
 * colour bar (dB relative to the maximum) on the right.
 */
export function drawSpectrogram(
  canvas: HTMLCanvasElement,
  s: Spectrogram,
  axes: SpectrogramAxes,
  range = 80,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  ctx.fillStyle = '#0f1419';
  ctx.fillRect(0, 0, W, H);
  const pw = W - PAD_L - PAD_R;
  const ph = H - PAD_T - PAD_B;
  const img = ctx.createImageData(pw, ph);
  const px32 = new Uint32Array(img.data.buffer);
  let max = -Infinity;
  for (let i = 0; i < s.db.length; i++) if (s.db[i] > max) max = s.db[i];
  const lo = max - range;
  const scale = 255 / range;
  // Column → frame and row → bin maps once, then one table lookup per pixel.
  const binOf = new Int32Array(ph);
  for (let py = 0; py < ph; py++) {
    const u = 1 - py / (ph - 1);
    binOf[py] = Math.min(s.bins - 1, Math.floor(u * u * (s.bins - 1)));
  }
  for (let px = 0; px < pw; px++) {
    const base = Math.min(s.frames - 1, Math.floor((px / pw) * s.frames)) * s.bins;
    for (let py = 0; py < ph; py++) {
      const v = (s.db[base + binOf[py]] - lo) * scale;
      px32[py * pw + px] = LUT[v <= 0 ? 0 : v >= 255 ? 255 : v | 0];
    }
  }
  ctx.putImageData(img, PAD_L, PAD_T);
  ctx.font = '10px sans-serif';
  ctx.fillStyle = '#8a9aa8';
  ctx.strokeStyle = '#8a9aa8';
  // Frequency axis (Hz).
  const nyq = axes.sampleRate / 2;
  for (const hz of [0, 500, 1000, 2000, 4000, 8000, 16000]) {
    if (hz > nyq) break;
    const y = PAD_T + (1 - Math.sqrt(hz / nyq)) * (ph - 1);
    ctx.beginPath();
    ctx.moveTo(PAD_L - 4, y);
    ctx.lineTo(PAD_L, y);
    ctx.stroke();
    const t = hz >= 1000 ? `${hz / 1000}k` : `${hz}`;
    ctx.fillText(t, PAD_L - 6 - ctx.measureText(t).width, y + 3);
  }
  ctx.save();
  ctx.translate(9, PAD_T + ph / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('Hz', -6, 0);
  ctx.restore();
  // Time axis (s): frame f starts at f·hop, the last one ends at (frames−1)·hop + fftSize.
  const seconds = ((s.frames - 1) * axes.hop + axes.fftSize) / axes.sampleRate;
  const step = seconds > 4 ? 1 : seconds > 1 ? 0.25 : 0.1;
  for (let t = 0; t <= seconds + 1e-9; t += step) {
    const x = PAD_L + (t / seconds) * pw;
    ctx.beginPath();
    ctx.moveTo(x, H - PAD_B);
    ctx.lineTo(x, H - PAD_B + 3);
    ctx.stroke();
    const label = `${Number(t.toFixed(2))}`;
    ctx.fillText(label, Math.min(x - 6, PAD_L + pw - 14), H - 4);
  }
  ctx.fillText('s', PAD_L + pw + 2, H - 4);
  // Colour bar: dB relative to the maximum.
  const bx = W - PAD_R + 8;
  for (let py = 0; py < ph; py++) {
    const [r, g, b] = colour(1 - py / (ph - 1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(bx, PAD_T + py, 10, 1);
  }
  ctx.fillStyle = '#8a9aa8';
  for (let db = 0; db >= -range; db -= 20) {
    const y = PAD_T + (-db / range) * (ph - 1);
    ctx.fillText(`${db}`, bx + 13, y + 3);
  }
  ctx.fillText('dB', bx + 13, H - 4);
}
