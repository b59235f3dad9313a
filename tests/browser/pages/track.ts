/**
 * Browser harness of the node's track mode (served by Vite from src): exposes the host API and
 * the core model it must reproduce (`trackLattice`, `lattice`, `lpcFrames`) on `window.t` for
 * page.evaluate() in tests/browser/node-track.spec.ts, plus a 16-bit PCM WAV reader for the
 * speech fixture.
 */
import { lattice } from '../../../src/core/allpole/lattice.js';
import { lpcFrames } from '../../../src/core/lpc/lpc-frames.js';
import { mulberry32 } from '../../../src/core/random/mulberry32.js';
import { trackLattice } from '../../../src/core/track/track-lattice.js';
import * as host from '../../../src/host/index.js';

/** Float32 white noise in [-amp, amp) from a seed. */
function noise(n: number, seed: number, amp = 0.5): Float32Array<ArrayBuffer> {
  const u = mulberry32(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * (2 * u() - 1);
  return x;
}

/** frames × M random reflection coefficients with |k| <= r, and log-gains in [-lg, lg]. */
function randomTrack(F: number, M: number, seed: number, r: number, lg = 0.5) {
  const u = mulberry32(seed);
  const k = new Float64Array(F * M);
  for (let i = 0; i < k.length; i++) k[i] = r * (2 * u() - 1);
  const logGain = Float64Array.from({ length: F }, () => lg * (2 * u() - 1));
  return { k, logGain };
}

/** An AudioBufferSourceNode playing `data` (mono) from time 0. */
function sourceOf(ctx: BaseAudioContext, data: Float32Array<ArrayBuffer>): AudioBufferSourceNode {
  const b = ctx.createBuffer(1, data.length, ctx.sampleRate);
  b.copyToChannel(data, 0);
  const s = ctx.createBufferSource();
  s.buffer = b;
  s.start(0);
  return s;
}

/** max |a - b| / max |b| (relative to the reference's peak), and that peak. */
function peakErr(a: ArrayLike<number>, b: ArrayLike<number>): { err: number; peak: number } {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return { err: a.length === b.length ? d / m : Number.POSITIVE_INFINITY, peak: m };
}

/**
 * The node's output from rest, in float64: the constant `pre` lattice for `lead` samples, then
 * the model `trackLattice` with the lattice state carried over (what the node documents).
 */
function reference(
  x: ArrayLike<number>,
  lead: number,
  pre: Float64Array,
  track: { k: Float64Array; logGain?: Float64Array; hop: number; order: number },
): Float64Array {
  const M = track.order;
  const state = new Float64Array(M);
  const y = new Float64Array(x.length);
  const xx = Float64Array.from(x);
  if (lead > 0) {
    const yh = new Float64Array(lead);
    lattice(xx.subarray(0, lead), pre, M, state, yh);
    y.set(yh);
  }
  y.set(trackLattice(xx.subarray(lead), track, { state }), lead);
  return y;
}

/** Mono samples in [-1, 1) of a 16-bit PCM WAV at `url`, and its rate. */
async function readWav(url: string): Promise<{ x: Float32Array<ArrayBuffer>; sampleRate: number }> {
  const buf = await (await fetch(url)).arrayBuffer();
  const v = new DataView(buf);
  let p = 12;
  let rate = 0;
  let channels = 1;
  while (p + 8 <= buf.byteLength) {
    const id = String.fromCharCode(v.getUint8(p), v.getUint8(p + 1), v.getUint8(p + 2), v.getUint8(p + 3));
    const size = v.getUint32(p + 4, true);
    if (id === 'fmt ') {
      channels = v.getUint16(p + 10, true);
      rate = v.getUint32(p + 12, true);
      if (v.getUint16(p + 22, true) !== 16) throw new Error('readWav: 16-bit PCM only');
    } else if (id === 'data') {
      const n = Math.floor(size / (2 * channels));
      const x = new Float32Array(n);
      for (let i = 0; i < n; i++) x[i] = v.getInt16(p + 8 + 2 * channels * i, true) / 32768;
      return { x, sampleRate: rate };
    }
    p += 8 + size + (size & 1);
  }
  throw new Error('readWav: no data chunk');
}

const t = {
  host,
  trackLattice,
  lattice,
  lpcFrames,
  noise,
  randomTrack,
  sourceOf,
  peakErr,
  reference,
  readWav,
};

declare global {
  interface Window {
    t: typeof t;
  }
}
window.t = t;
document.title = 'track harness ready';
