/**
 * Browser-test harness (served by Vite from src): exposes the host API, the core reference
 * kernels and small signal helpers on `window.h` for page.evaluate() in tests/browser/*.spec.ts.
 */
import { clampReflection } from '../../../src/core/allpole/clamp-reflection.js';
import { allpole } from '../../../src/core/allpole/forward.js';
import { lattice } from '../../../src/core/allpole/lattice.js';
import { reflectionToDirect } from '../../../src/core/params/reflection.js';
import { mulberry32 } from '../../../src/core/random/mulberry32.js';
import * as host from '../../../src/host/index.js';
import { smoothReflectionTrack as smoothTrack, stepUpTrack } from '../../fixtures/tracks.js';

/** Float32 white noise in [-amp, amp) from a seed. */
function noise(n: number, seed: number, amp = 0.5): Float32Array<ArrayBuffer> {
  const u = mulberry32(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * (2 * u() - 1);
  return x;
}

/** Smooth per-sample reflection tracks with |k| <= r < 1 (see tests/fixtures/tracks.ts). */
function smoothReflectionTrack(T: number, M: number, seed: number, r = 0.85): Float64Array {
  return smoothTrack(T, M, seed, { r, fSpread: 4, phaseSpread: 2 * Math.PI });
}

/** Column i of a T×M track as a Float32Array (an AudioBuffer channel). */
function column(track: Float64Array, M: number, i: number): Float32Array<ArrayBuffer> {
  const T = track.length / M;
  const c = new Float32Array(T);
  for (let t = 0; t < T; t++) c[t] = track[t * M + i];
  return c;
}

/** An AudioBufferSourceNode playing `data` (mono) from time 0. */
function sourceOf(ctx: BaseAudioContext, data: Float32Array, start = 0): AudioBufferSourceNode {
  const b = ctx.createBuffer(1, data.length, ctx.sampleRate);
  b.copyToChannel(data as Float32Array<ArrayBuffer>, 0);
  const s = ctx.createBufferSource();
  s.buffer = b;
  s.start(start);
  return s;
}

/** max |a - b| / max(1, max |b|). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 1;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return a.length === b.length ? d / m : Number.POSITIVE_INFINITY;
}

/** Reference of the 'reflection' node: clampReflection then lattice, float64. */
function refLattice(x: ArrayLike<number>, K: Float64Array, M: number): Float64Array {
  const k = Float64Array.from(K);
  clampReflection(k);
  const y = new Float64Array(x.length);
  lattice(Float64Array.from(x), k, M, new Float64Array(M), y);
  return y;
}

/** Reference of the 'direct' node: core allpole, float64. */
function refDirect(x: ArrayLike<number>, A: Float64Array, M: number): Float64Array {
  return allpole(Float64Array.from(x), A, M).y;
}

const h = {
  host,
  core: { allpole, lattice, clampReflection, reflectionToDirect },
  noise,
  smoothReflectionTrack,
  stepUpTrack,
  column,
  sourceOf,
  relErr,
  refLattice,
  refDirect,
  sac: () => import('standardized-audio-context'),
  tone: () => import('tone'),
  toneWrapper: () => import('../../../src/host/tone.js'),
  standardized: () => import('../../../src/host/standardized.js'),
};

declare global {
  interface Window {
    h: typeof h;
  }
}
window.h = h;
document.title = 'harness ready';
