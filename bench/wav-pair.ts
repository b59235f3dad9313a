/**
 * Writes a long system-identification pair for the CLI memory benchmark, streamed (no
 * full-length buffer): 16-bit (or 32-bit float) mono input = seeded Gaussian noise (σ = 0.1), target = the input
 * through a fixed EQ chain (highpass 80 Hz, peaking +6 dB at 1 kHz Q 1, lowshelf −4 dB at 200 Hz;
 * RBJ biquads, an exact IIR of order 6).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { gaussian, mulberry32 } from '../src/core/random/mulberry32.js';

export type Biquad = [number, number, number, number, number]; // b0 b1 b2 a1 a2 (a0 = 1)

function rbj(kind: 'hp' | 'peak' | 'lowshelf', f: number, q: number, gainDb: number, fs: number): Biquad {
  const w = (2 * Math.PI * f) / fs;
  const c = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  const A = 10 ** (gainDb / 40);
  let b: number[];
  let a: number[];
  if (kind === 'hp') {
    b = [(1 + c) / 2, -(1 + c), (1 + c) / 2];
    a = [1 + alpha, -2 * c, 1 - alpha];
  } else if (kind === 'peak') {
    b = [1 + alpha * A, -2 * c, 1 - alpha * A];
    a = [1 + alpha / A, -2 * c, 1 - alpha / A];
  } else {
    const s = 2 * Math.sqrt(A) * alpha;
    b = [A * (A + 1 - (A - 1) * c + s), 2 * A * (A - 1 - (A + 1) * c), A * (A + 1 - (A - 1) * c - s)];
    a = [A + 1 + (A - 1) * c + s, -2 * (A - 1 + (A + 1) * c), A + 1 + (A - 1) * c - s];
  }
  return [b[0] / a[0], b[1] / a[0], b[2] / a[0], a[1] / a[0], a[2] / a[0]];
}

function header(frames: number, fs: number, width: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + width * frames, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(width === 4 ? 3 : 1, 20); // IEEE float or PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(fs, 24);
  h.writeUInt32LE(width * fs, 28);
  h.writeUInt16LE(width, 32);
  h.writeUInt16LE(8 * width, 34);
  h.write('data', 36);
  h.writeUInt32LE(width * frames, 40);
  return h;
}

/** The pair's EQ chain at `fs`: biquads [b0, b1, b2, a1, a2] (a0 = 1), applied in order. */
export function wavPairChain(fs: number): Biquad[] {
  return [
    rbj('hp', 80, Math.SQRT1_2, 0, fs),
    rbj('peak', 1000, 1, 6, fs),
    rbj('lowshelf', 200, Math.SQRT1_2, -4, fs),
  ];
}

/** Writes `input.wav` and `target.wav` (`seconds` at `fs`, mono, 16-bit or float) to the given paths. */
export function writeWavPair(
  inputPath: string,
  targetPath: string,
  seconds: number,
  fs = 48000,
  seed = 7,
  format: '16' | '32f' = '16',
): void {
  const T = Math.round(seconds * fs);
  const chain = wavPairChain(fs);
  const state = chain.map(() => [0, 0]);
  const g = gaussian(mulberry32(seed));
  const fi = openSync(inputPath, 'w');
  const ft = openSync(targetPath, 'w');
  const width = format === '16' ? 2 : 4;
  writeSync(fi, header(T, fs, width));
  writeSync(ft, header(T, fs, width));
  const B = 65536;
  const bi = Buffer.alloc(width * B);
  const bt = Buffer.alloc(width * B);
  const q = (v: number) => Math.max(-32768, Math.min(32767, Math.round(v * 32768)));
  const put = (b: Buffer, v: number, i: number) => {
    if (width === 2) b.writeInt16LE(q(v), 2 * i);
    else b.writeFloatLE(v, 4 * i);
  };
  for (let t0 = 0; t0 < T; t0 += B) {
    const n = Math.min(B, T - t0);
    for (let i = 0; i < n; i++) {
      const xq = q(0.1 * g());
      let v = xq / 32768;
      for (let s = 0; s < chain.length; s++) {
        const [b0, b1, b2, a1, a2] = chain[s];
        const z = state[s];
        const y = b0 * v + z[0]; // transposed direct form II
        z[0] = b1 * v - a1 * y + z[1];
        z[1] = b2 * v - a2 * y;
        v = y;
      }
      put(bi, xq / 32768, i);
      put(bt, v, i);
    }
    writeSync(fi, bi, 0, width * n);
    writeSync(ft, bt, 0, width * n);
  }
  closeSync(fi);
  closeSync(ft);
}
