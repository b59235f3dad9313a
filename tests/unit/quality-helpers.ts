/** Test helpers for the quality tests (not tests themselves). */
import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';

/** |B(e^{jw})/A(e^{jw})| at the given angular frequencies (direct evaluation). */
export function freqzAt(b: ArrayLike<number>, a: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    let br = 0;
    let bi = 0;
    for (let k = 0; k < b.length; k++) {
      br += b[k] * Math.cos(w[i] * k);
      bi -= b[k] * Math.sin(w[i] * k);
    }
    let ar = 0;
    let ai = 0;
    for (let k = 0; k < a.length; k++) {
      ar += a[k] * Math.cos(w[i] * k);
      ai -= a[k] * Math.sin(w[i] * k);
    }
    out[i] = Math.hypot(br, bi) / Math.hypot(ar, ai);
  }
  return out;
}

/** Reads a mono WAV as float64 samples in [-1, 1) and its sample rate. */
export function readWav(path: string): { x: Float64Array; sampleRate: number } {
  const wav = new wavefile.WaveFile(readFileSync(path));
  wav.toBitDepth('32f');
  const fmt = wav.fmt as { sampleRate: number; numChannels: number };
  let s = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  if (Array.isArray(s)) s = s[0];
  void fmt.numChannels;
  return { x: Float64Array.from(s), sampleRate: fmt.sampleRate };
}
