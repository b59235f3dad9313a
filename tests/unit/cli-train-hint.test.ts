/**
 * The train summary's hint when the fit is far from the measured response (src/cli/commands/train.ts
 * largerModelHint): an order-8 cascade cannot hold an order-16 EQ chain, and the CLI says so in one
 * line instead of reporting the error silently.
 */
import { describe, expect, it } from 'vitest';
import { LARGER_MODEL_HINT_DB, largerModelHint } from '../../src/cli/commands/train.js';

describe('largerModelHint', () => {
  it('is silent at and below the threshold (an exact fit is about 0.006 dB off the Welch estimate)', () => {
    const spec = { kind: 'polezero', sections: 4, gain: true, poles: 'reflection' } as const;
    expect(largerModelHint(spec, 0.006)).toBeNull();
    expect(largerModelHint(spec, LARGER_MODEL_HINT_DB)).toBeNull();
    expect(largerModelHint(spec, Number.NaN)).toBeNull();
  });

  it('suggests twice the order (above order 8 also naming a missed fit) for pole-zero and all-pole filters', () => {
    const pz = largerModelHint({ kind: 'polezero', sections: 4, gain: true, poles: 'reflection' }, 2.6);
    expect(pz).toMatch(/likely of higher order than 8; try --order 16 --zeros 16\n$/);
    const ap = largerModelHint({ kind: 'allpole', order: 10, gain: true }, 0.5);
    expect(ap).toMatch(/higher order than 10, or the fit missed .* local minimum\); try --order 20\n$/);
  });

  it('above order 8 suggests --thorough first for a pole-zero fit that did not use it', () => {
    const spec = { kind: 'polezero', sections: 8, gain: true, poles: 'reflection' } as const;
    expect(largerModelHint(spec, 0.4)).toMatch(
      /local minimum\); try --thorough \(slower\), or --order 32 --zeros 32\n$/,
    );
    expect(largerModelHint(spec, 0.4, true)).toMatch(/local minimum\); try --order 32 --zeros 32\n$/);
  });

  it('suggests no order above the CLI maximum, and no --thorough above order 16', () => {
    const pz24 = largerModelHint({ kind: 'polezero', sections: 12, gain: true, poles: 'reflection' }, 0.4);
    expect(pz24).toMatch(/local minimum\); try --order 48 --zeros 48\n$/);
    const pz48 = largerModelHint({ kind: 'polezero', sections: 24, gain: true, poles: 'reflection' }, 0.4);
    expect(pz48).toMatch(/local minimum\)\n$/);
  });

  it('says nothing for a time-varying model (its error is not one response)', () => {
    expect(largerModelHint({ kind: 'tv-allpole', order: 16, hop: 256 }, 3)).toBeNull();
  });
});
