/**
 * Spectrograms of example/target/output signals: Hann-windowed STFT via fft.js, drawn as a
 * heat map on a canvas (time → x, log-ish frequency → y, dB → colour).
 */
import FFT from 'fft.js';

/** STFT magnitudes in dB, row-major `frames × bins` (bins = fftSize/2 + 1). */
export interface Spectrogram {
  frames: number;
  bins: number;
  db: Float32Array;
}

/** Hann-windowed STFT of `x` (frames of `fftSize`, step `hop`), magnitudes in dB (floor -120). */
export function computeSpectrogram(x: ArrayLike<number>, fftSize = 1024, hop = 256): Spectrogram {
  const fft = new FFT(fftSize);
  const bins = fftSize / 2 + 1;
  const frames = Math.max(1, Math.floor((x.length - fftSize) / hop) + 1);
  const db = new Float32Array(frames * bins);
  const frame = new Float64Array(fftSize);
  const spec = fft.createComplexArray();
  const win = new Float64Array(fftSize);
  for (let i = 0; i < fftSize; i++) win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / fftSize);
  for (let f = 0; f < frames; f++) {
    const off = f * hop;
    for (let i = 0; i < fftSize; i++) frame[i] = off + i < x.length ? x[off + i] * win[i] : 0;
    fft.realTransform(spec, frame);
    for (let b = 0; b < bins; b++) {
      const p = spec[2 * b] * spec[2 * b] + spec[2 * b + 1] * spec[2 * b + 1];
      db[f * bins + b] = Math.max(-120, 10 * Math.log10(p + 1e-30));
    }
  }
  return { frames, bins, db };
}

function colour(t: number): [number, number, number] {
  // Dark blue → magenta → orange → pale yellow.
  const c = Math.min(1, Math.max(0, t));
  return [
    Math.round(255 * Math.min(1, 1.6 * c)),
    Math.round(255 * Math.max(0, c * c * 1.1 - 0.1)),
    Math.round(255 * (0.25 + 0.5 * Math.sin(Math.PI * c))),
  ];
}

/**
 * Draws `s` on `canvas` with a `range` dB dynamic range below the maximum. The frequency axis
 * is square-root warped so that formants below 4 kHz get most of the height.
 */
export function drawSpectrogram(canvas: HTMLCanvasElement, s: Spectrogram, range = 80): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = canvas.width;
  const H = canvas.height;
  const img = ctx.createImageData(W, H);
  let max = -Infinity;
  for (let i = 0; i < s.db.length; i++) max = Math.max(max, s.db[i]);
  for (let px = 0; px < W; px++) {
    const f = Math.min(s.frames - 1, Math.floor((px / W) * s.frames));
    for (let py = 0; py < H; py++) {
      const u = 1 - py / (H - 1);
      const b = Math.min(s.bins - 1, Math.floor(u * u * (s.bins - 1)));
      const [r, g, bl] = colour((s.db[f * s.bins + b] - (max - range)) / range);
      const o = 4 * (py * W + px);
      img.data[o] = r;
      img.data[o + 1] = g;
      img.data[o + 2] = bl;
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}
