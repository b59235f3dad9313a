/**
 * System-identification benchmark (not a test): random EQ chains of Audio-EQ-Cookbook biquads
 * (highpass, lowpass, peaking, low/high shelves, notches; 1–8 sections, orders 2–16), excited by 1 s
 * of seeded white or pink noise at 48 kHz, applied section by section as sox applies an effects chain,
 * target quantised to 16 bits, then fitted as the CLI's `train --order N --zeros N` does with default
 * options (classical start, MR-STFT loss, --optimizer auto). Prints the magnitude error against the
 * true chain (dB RMS, 100 Hz–16 kHz) and the CPU time per fit. Responses are products of the
 * sections' responses: neither the target nor the error goes through the expanded direct form, whose
 * round-off is far above the 16-bit floor when poles cluster near z = 1 (on chain 11, an order-8
 * direct-form recursion is 5·10⁻³ off the section cascade and its freqz 0.15 dB RMS off).
 * Chain n has minSections + (n mod (maxSections − minSections + 1)) sections (default 1 and
 * min(8, modelOrder/2): chains up to the model's order; e.g. `8 16 2026 5 8` fits chains of orders
 * 10–16 with an order-8 model). Each line also gives the error of the classical start alone.
 * Run: npx tsx bench/eq-chains.ts [modelOrder (default 8)] [chains (default 12)] [seed (default 2026)]
 *   [minSections (default 1)] [maxSections (default min(8, modelOrder/2))] [thorough]
 * `thorough` fits with the CLI's `--thorough` start (ModelInit.thorough). The environment variable
 * ONLY=n,m,… fits only those chain numbers (the others are still drawn, so chain n is the same).
 */
import { type Biquad, highPass, lowPass, notch, peakingEq, shelf } from '../src/cli/cookbook.js';
import { freqz } from '../src/core/lti/freqz.js';
import { lfilter } from '../src/core/lti/lfilter.js';
import { gaussian, mulberry32 } from '../src/core/random/mulberry32.js';
import { createModel } from '../src/train/models/create-model.js';
import type { PoleZeroModel } from '../src/train/models/polezero-model.js';
import { train } from '../src/train/session.js';

const fs = 48000;

/** |H(e^{iw})| of a cascade of sections, at each w. */
function magnitude(sections: { b: ArrayLike<number>; a: ArrayLike<number> }[], gain: number, w: number[]) {
  const mag = new Float64Array(w.length).fill(Math.abs(gain));
  for (const s of sections) {
    const h = freqz(s.b, [1, ...Array.from(s.a)], w);
    for (let i = 0; i < w.length; i++) mag[i] *= Math.hypot(h.re[i], h.im[i]);
  }
  return mag;
}

function randomChain(rand: () => number, sections: number): { chain: Biquad[]; text: string } {
  const chain: Biquad[] = [];
  const names: string[] = [];
  const f = (lo: number, hi: number) => lo * (hi / lo) ** rand();
  for (let s = 0; s < sections; s++) {
    const kind = Math.floor(rand() * 6);
    if (kind === 0) {
      const f0 = f(20, 200);
      chain.push(highPass(f0, 0.5 + rand(), fs));
      names.push(`hp ${f0.toFixed(0)}`);
    } else if (kind === 1) {
      const f0 = f(3000, 18000);
      chain.push(lowPass(f0, 0.5 + rand(), fs));
      names.push(`lp ${f0.toFixed(0)}`);
    } else if (kind === 2) {
      const f0 = f(60, 12000);
      const g = -12 + 24 * rand();
      chain.push(peakingEq(f0, 0.5 + 4 * rand(), g, fs));
      names.push(`peq ${f0.toFixed(0)} ${g.toFixed(1)}dB`);
    } else if (kind === 3) {
      const f0 = f(60, 500);
      const g = -10 + 20 * rand();
      chain.push(shelf('low', f0, 0.7, g, fs));
      names.push(`ls ${f0.toFixed(0)} ${g.toFixed(1)}dB`);
    } else if (kind === 4) {
      const f0 = f(2000, 12000);
      const g = -10 + 20 * rand();
      chain.push(shelf('high', f0, 0.7, g, fs));
      names.push(`hs ${f0.toFixed(0)} ${g.toFixed(1)}dB`);
    } else {
      const f0 = f(100, 10000);
      chain.push(notch(f0, 2 + 8 * rand(), fs));
      names.push(`notch ${f0.toFixed(0)}`);
    }
  }
  return { chain, text: names.join(' + ') };
}

function pink(rand: () => number, T: number): Float64Array {
  const g = gaussian(rand);
  const w = Float64Array.from({ length: T + 20000 }, () => g());
  // Paul Kellet's economy pink filter
  const y = lfilter(
    [0.049922035, -0.095993537, 0.050612699, -0.004408786],
    [1, -2.494956002, 2.017265875, -0.5221894],
    w,
  ).y as Float64Array;
  return y.subarray(20000);
}

const w = Array.from({ length: 500 }, (_, i) => (2 * Math.PI * 100 * 160 ** (i / 499)) / fs);

/** dB RMS of the model's magnitude response against the chain's over `w` (100 Hz–16 kHz). */
function errorDb(model: PoleZeroModel, chain: Biquad[]): number {
  const { a, b } = model.sectionCoefficients();
  const h = magnitude(
    a.map((ai, s) => ({ a: ai, b: b[s] })),
    model.gain(),
    w,
  );
  const ht = magnitude(chain, 1, w);
  let e2 = 0;
  for (let i = 0; i < w.length; i++) e2 += (20 * Math.log10(h[i] / ht[i])) ** 2;
  return Math.sqrt(e2 / w.length);
}

const order = Number(process.argv[2] ?? 8);
const count = Number(process.argv[3] ?? 12);
const rand = mulberry32(Number(process.argv[4] ?? 2026));
const minSections = Number(process.argv[5] ?? 1);
const maxSections = Number(process.argv[6] ?? Math.min(8, order / 2));
const thorough = process.argv[7] === 'thorough';
const only = process.env.ONLY ? new Set(process.env.ONLY.split(',').map(Number)) : null;
const T = fs;
/** 16-bit quantisation (no clipping: the chains' gains stay well below 1/0.3). */
const quantise = (x: Float64Array, scale = 1) => x.map((v) => Math.round(v * scale * 32768) / 32768);
console.log(
  `eq-chains: fit order (${order}, ${order}), ${thorough ? '--thorough' : 'default CLI options'}, error vs the true chain (dB RMS, 100 Hz–16 kHz)`,
);
const errors: number[] = [];
for (let n = 0; n < count; n++) {
  const sections = minSections + (n % (maxSections - minSections + 1));
  const { chain, text } = randomChain(rand, sections);
  const g = gaussian(rand);
  const raw = n % 2 === 0 ? Float64Array.from({ length: T }, () => g()) : pink(rand, T);
  let peak = 0;
  for (const v of raw) peak = Math.max(peak, Math.abs(v));
  const input = quantise(raw, 0.3 / peak);
  let chained: Float64Array = input;
  for (const s of chain) chained = lfilter(s.b, [1, ...s.a], chained).y as Float64Array;
  const target = quantise(chained);
  if (only !== null && !only.has(n)) continue;
  const c0 = process.cpuUsage();
  const model = createModel(
    { kind: 'polezero', sections: order / 2, gain: true, poles: 'reflection' },
    { input, target, sampleRate: fs, thorough },
  ) as PoleZeroModel;
  const cStart = process.cpuUsage(c0);
  const start = errorDb(model, chain);
  const c1 = process.cpuUsage();
  const res = await train({ model, input, target, loss: 'mrstft', steps: 300, optimizer: 'auto' });
  const cTrain = process.cpuUsage(c1);
  const cpu = { user: cStart.user + cTrain.user, system: cStart.system + cTrain.system };
  const err = errorDb(model, chain);
  errors.push(err);
  console.log(
    `  #${n} ${n % 2 === 0 ? 'white' : 'pink '} order ${2 * sections}: ${err.toFixed(4)} dB  ` +
      `(start ${start.toFixed(4)} dB; ${res.optimizer}, ${res.steps} steps, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU)  ${text}`,
  );
}
console.log(
  `  worst ${Math.max(...errors).toFixed(4)} dB, median ${errors.sort((p, q) => p - q)[errors.length >> 1].toFixed(4)} dB`,
);
