/**
 * Honest outcomes and safety of the training session (issues 9 and 11): named errors on bad
 * signals, failed runs reported as failed, live sinks that throw are unbound without losing the
 * run, nothing unstable is ever pushed (every model kind at learning rate 1e6, every sink kind),
 * the payload follows the sink's domain, and an abort is seen within one step.
 */
import { describe, expect, it } from 'vitest';
import { allpole } from '../../src/core/allpole/forward.js';
import type { FilterModel } from '../../src/core/api.js';
import { directToReflection, isStable } from '../../src/core/params/reflection.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import type { CoefficientSink, LiveTrack } from '../../src/train/api.js';
import { createMseLoss } from '../../src/train/loss/mse.js';
import { AllPoleModel } from '../../src/train/models/allpole-model.js';
import { createModel } from '../../src/train/models/create-model.js';
import { PoleZeroModel } from '../../src/train/models/polezero-model.js';
import { TvAllPoleModel } from '../../src/train/models/tv-allpole-model.js';
import { TrainingSession } from '../../src/train/session.js';

function problem(T = 2000, seed = 5) {
  const g = gaussian(mulberry32(seed));
  const input = Float64Array.from({ length: T }, () => g());
  const target = allpole(input, Float64Array.from([-1.2, 0.7]), 2).y as Float64Array;
  return { input, target };
}

/** MSE against `target` whose value on call c is replaced by `f(c, loss)` (gradient unchanged). */
function alteredMse(target: Float64Array, f: (call: number, loss: number) => number) {
  const mse = createMseLoss(target);
  let calls = 0;
  return {
    length: mse.length,
    compute(estimate: ArrayLike<number>, grad?: Float64Array) {
      return f(calls++, mse.compute(estimate, grad));
    },
  };
}

/** A sink of each kind that records what it receives. */
function recorder(domain: 'direct' | 'reflection', control: 'params' | 'track' = 'params') {
  const vectors: Float64Array[] = [];
  const tracks: LiveTrack[] = [];
  const sink: CoefficientSink = {
    domain,
    control,
    setCoefficients: (c) => {
      vectors.push(Float64Array.from(c));
    },
    playTrack: (t) => {
      tracks.push({ k: Float64Array.from(t.k), logGain: Float64Array.from(t.logGain), hop: t.hop });
      return Promise.resolve();
    },
  };
  return { sink, vectors, tracks };
}

function models(): [string, FilterModel][] {
  return [
    ['allpole reflection', new AllPoleModel({ order: 4, parameterisation: 'reflection', gain: true })],
    ['allpole lar', new AllPoleModel({ order: 4, parameterisation: 'lar', gain: true })],
    ['allpole direct', new AllPoleModel({ order: 4, parameterisation: 'direct', gain: true })],
    ['polezero polar', new PoleZeroModel({ sections: 2, gain: true })],
    ['polezero reflection', new PoleZeroModel({ sections: 2, gain: true, poles: 'reflection' })],
    ['tv-allpole reflection', new TvAllPoleModel({ order: 4, hop: 200, frames: 11 })],
    ['tv-allpole lar', new TvAllPoleModel({ order: 4, hop: 200, frames: 11, parameterisation: 'lar' })],
  ];
}

describe('TrainingSession: bad signals', () => {
  const model = () => new AllPoleModel({ order: 2 });
  it('NaN in input or target is a RangeError naming the argument and index', () => {
    const { input, target } = problem(600);
    input[17] = Number.NaN;
    expect(() => new TrainingSession({ model: model(), input, target, loss: 'mse' })).toThrow(
      /train: input\[17\] must be finite/,
    );
    input[17] = 0;
    target[3] = Number.POSITIVE_INFINITY;
    expect(() => new TrainingSession({ model: model(), input, target, loss: 'mse' })).toThrow(RangeError);
    expect(() => new TrainingSession({ model: model(), input, target, loss: 'mse' })).toThrow(/target\[3\]/);
  });
  it('zero-length signals are a RangeError naming the argument', () => {
    const e = new Float64Array(0);
    expect(() => new TrainingSession({ model: model(), input: e, target: e, loss: 'mse' })).toThrow(
      /train: input must not be empty/,
    );
  });
});

describe('TrainingSession: outcome', () => {
  it('a run that trains down is done; initialLoss is the first step', async () => {
    const { input, target } = problem();
    const s = new TrainingSession({
      model: new AllPoleModel({ order: 2 }),
      input,
      target,
      loss: 'mse',
      learningRate: 0.05,
    });
    const r = await s.run(30);
    expect(r.status).toBe('done');
    expect(r.reason).toBeUndefined();
    expect(r.initialLoss).toBe(r.history[0]);
    expect(r.bestLoss).toBeLessThan(r.initialLoss);
  });
  it('a loss that explodes fails, naming it', async () => {
    const { input, target } = problem();
    const loss = alteredMse(target, (c, l) => (c === 3 ? l * 1e5 : l));
    const s = new TrainingSession({ model: new AllPoleModel({ order: 2 }), input, target, loss });
    const r = await s.run(6);
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/exploded/);
  });
  it('a run that ends above its start fails', async () => {
    const { input, target } = problem();
    const loss = alteredMse(target, (c, l) => l * (1 + c));
    const s = new TrainingSession({ model: new AllPoleModel({ order: 2 }), input, target, loss });
    const r = await s.run(5);
    expect(r.status).toBe('failed');
    expect(r.reason).toMatch(/above its start/);
    expect(r.bestStep).toBe(0);
  });
  it('a run whose every step diverges fails', async () => {
    const { input, target } = problem();
    const s = new TrainingSession({
      model: new AllPoleModel({ order: 2 }),
      input,
      target,
      loss: alteredMse(target, () => Number.NaN),
      maxRollbacks: 3,
    });
    const r = await s.run(10);
    expect(r.status).toBe('failed');
  });
  it('an abort is seen within one step (abort during step 3 → 3 steps) and reported as aborted', async () => {
    const { input, target } = problem();
    const ac = new AbortController();
    const s = new TrainingSession({
      model: new AllPoleModel({ order: 2 }),
      input,
      target,
      loss: 'mse',
      signal: ac.signal,
      progressEvery: 1,
      onProgress: (p) => {
        if (p.step === 3) setImmediate(() => ac.abort());
      },
    });
    const r = await s.run(50);
    expect(r.steps).toBe(3);
    expect(r.status).toBe('aborted');
    expect(r.aborted).toBe(true);
  });
});

describe('TrainingSession: live sinks', () => {
  it('a sink that throws is unbound and reported; the run completes with its result', async () => {
    const { input, target } = problem();
    let calls = 0;
    const sink: CoefficientSink = {
      setCoefficients: () => {
        calls++;
        throw new Error('node is gone');
      },
    };
    const s = new TrainingSession({
      model: new AllPoleModel({ order: 2 }),
      input,
      target,
      loss: 'mse',
      learningRate: 0.05,
    });
    s.bind({ sink, every: 1 });
    const r = await s.run(20);
    expect(calls).toBe(1);
    expect(r.steps).toBe(20);
    expect(r.status).toBe('done');
    expect(r.liveError).toBe('node is gone');
  });
  it('a playTrack that rejects is unbound and reported', async () => {
    const { input, target } = problem();
    let calls = 0;
    const sink: CoefficientSink = {
      domain: 'reflection',
      control: 'track',
      playTrack: () => {
        calls++;
        return Promise.reject(new Error('port closed'));
      },
    };
    const model = new TvAllPoleModel({ order: 2, hop: 500, frames: 5 });
    const s = new TrainingSession({ model, input, target, loss: 'mse' });
    s.bind({ sink, every: 1 });
    const r = await s.run(6);
    expect(r.steps).toBe(6);
    expect(calls).toBe(1);
    expect(r.liveError).toBe('port closed');
  });

  it('the payload follows the sink: direct a, reflection k, track for track-mode nodes', async () => {
    const { input, target } = problem();
    const lti = new AllPoleModel({ order: 2, parameterisation: 'reflection', gain: true });
    const d = recorder('direct');
    const k = recorder('reflection');
    const t = recorder('reflection', 'track');
    const pushed: { a: Float64Array; gain: number }[] = [];
    for (const r of [d, k, t]) {
      const s = new TrainingSession({ model: lti, input, target, loss: 'mse' });
      s.bind({ sink: r.sink, every: 1 });
      pushed.push({ a: Float64Array.from(lti.coefficients()), gain: lti.gain() });
      s.step(); // pushes the params it evaluated, then updates them
    }
    expect(Array.from(d.vectors[0])).toEqual(Array.from(pushed[0].a));
    const kk = k.vectors[0];
    expect(Array.from(kk)).toEqual(Array.from(directToReflection(pushed[1].a)));
    expect(t.tracks[0].k.length).toBe(2);
    expect(Array.from(t.tracks[0].k)).toEqual(Array.from(directToReflection(pushed[2].a)));
    expect(t.tracks[0].hop).toBe(1);
    expect(t.tracks[0].logGain[0]).toBeCloseTo(Math.log(pushed[2].gain), 12);

    const tv = createModel({ kind: 'tv-allpole', order: 3, hop: 400 }, { target, input });
    const tt = recorder('reflection', 'track');
    const s = new TrainingSession({ model: tv, input, target, loss: 'mse' });
    s.bind({ sink: tt.sink, every: 1 });
    s.step();
    const want = (tv as TvAllPoleModel).track();
    expect(tt.tracks[0].hop).toBe(400);
    expect(tt.tracks[0].k.length).toBe(want.k.length);
    // a time-varying model pushes nothing to a parameter node without a map
    const p = recorder('direct');
    s.bind({ sink: p.sink, every: 1 });
    s.step();
    expect(p.vectors.length).toBe(0);
  });

  it('no model kind ever pushes an unstable payload at learning rate 1e6, to any sink kind', async () => {
    const { input, target } = problem(2000, 11);
    for (const [name, model] of models()) {
      for (const [domain, control] of [
        ['direct', 'params'],
        ['reflection', 'params'],
        ['reflection', 'track'],
      ] as const) {
        const rec = recorder(domain, control);
        const s = new TrainingSession({
          model,
          input,
          target,
          loss: 'mse',
          learningRate: 1e6,
          clipNorm: 0,
          maxRollbacks: 60,
        });
        const first = Float64Array.from(model.params);
        const map =
          model.hop > 0 && control === 'params'
            ? (a: Float64Array) => (domain === 'direct' ? a.slice(0, 4) : directToReflection(a.slice(0, 4)))
            : undefined;
        s.bind({ sink: rec.sink, every: 1, map: map as never });
        const r = await s.run(40);
        for (const a of rec.vectors) {
          if (domain === 'direct') expect(isStable(a), `${name} → direct a`).toBe(true);
          else for (const v of a) expect(Math.abs(v), `${name} → k`).toBeLessThan(1);
        }
        for (const t of rec.tracks) {
          for (const v of t.k) expect(Math.abs(v), `${name} → track k`).toBeLessThan(1);
          for (const v of t.logGain) expect(Number.isFinite(v), `${name} → track logGain`).toBe(true);
        }
        expect(['done', 'failed']).toContain(r.status);
        model.params.set(first);
      }
    }
  }, 60_000);
});

describe('TrainingSession: segment training', () => {
  it('trains down on random segments (seeded, reproducible), judged on the evaluation segments', async () => {
    const { input, target } = problem(20000, 3);
    const run = () =>
      new TrainingSession({
        model: new AllPoleModel({ order: 2, parameterisation: 'reflection' }),
        input: Float32Array.from(input),
        target: Float32Array.from(target),
        loss: 'mse',
        learningRate: 0.05,
        seed: 7,
        segment: { length: 1500, warmup: 200, evalSegments: 3, evalEvery: 10 },
      }).run(40);
    const r = await run();
    expect(r.status).toBe('done');
    expect(r.bestLoss).toBeLessThan(0.5 * r.initialLoss);
    expect(Array.from((await run()).history)).toEqual(Array.from(r.history));
  });
  it('a time-varying model trains on segments at their place on the track', async () => {
    const { input, target } = problem(12000, 4);
    const model = createModel({ kind: 'tv-allpole', order: 2, hop: 400 }, { target, input });
    const r = await new TrainingSession({
      model,
      input,
      target,
      loss: 'mse',
      learningRate: 0.02,
      segment: { length: 2000, warmup: 500, evalSegments: 2, evalEvery: 5 },
    }).run(20);
    expect(r.status).toBe('done');
    expect(r.bestLoss).toBeLessThan(0.9 * r.initialLoss);
  });
  it('rejects a custom loss object and a segment longer than the signal', () => {
    const { input, target } = problem(1000);
    const model = new AllPoleModel({ order: 2 });
    const loss = { length: 1000, compute: () => 0 };
    expect(() => new TrainingSession({ model, input, target, loss, segment: { length: 100 } })).toThrow(
      TypeError,
    );
    expect(
      () => new TrainingSession({ model, input, target, loss: 'mse', segment: { length: 1001 } }),
    ).toThrow(/segment.length/);
  });
});
