import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_RATE } from '../../src/cli/commands/example.js';
import { decodeWav } from '../../src/cli/wav.js';
import { parseCoefficientsFile } from '../../src/core/coefficients-file.js';
import { renderCoefficients } from '../../src/core/render/render-coefficients.js';
import { asDirect, runCli, tempDir } from './cli-test-utils.js';

const dir = tempDir('cli-example');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function wav(path: string): Float64Array {
  return Float64Array.from(decodeWav(readFileSync(path), path).channels[0]);
}

describe('diffiir example', () => {
  it('recovers the known filter to a small dB error and prints a clear summary', async () => {
    const out = join(dir, 'ex');
    const r = await runCli(['example', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'coefficients.json',
      'loss.csv',
      'output.wav',
      'report.svg',
      'source.wav',
      'target.wav',
      'true-filter.json',
    ]);
    const m =
      /magnitude error vs the true filter \(.*\): RMS ([\d.]+) dB, max ([\d.]+) dB \(Steiglitz-McBride start: RMS ([\d.]+) dB, max ([\d.]+) dB\)/.exec(
        r.out,
      );
    expect(m).not.toBeNull();
    const [rms, max, rms0, max0] = m!.slice(1).map(Number);
    // the Steiglitz-McBride start is already at the noise floor; training must not leave it
    expect(rms).toBeLessThan(0.01);
    expect(max).toBeLessThan(0.05);
    expect(rms).toBeLessThanOrEqual(rms0 + 0.005);
    expect(max).toBeLessThanOrEqual(max0 + 0.005);
    const l = /^final loss ([\d.e+-]+) \(start ([\d.e+-]+), noise floor ([\d.e+-]+); lm, \d+ steps/m.exec(
      r.out,
    );
    expect(l).not.toBeNull();
    const [final, start, floor] = l!.slice(1).map(Number);
    expect(final).toBeLessThanOrEqual(start);
    expect(final).toBeLessThan(1.1 * floor); // down to the measurement noise
    // the files are consistent: target = true filter(source), output = learned filter(source)
    const source = wav(join(out, 'source.wav'));
    const truth = parseCoefficientsFile(readFileSync(join(out, 'true-filter.json'), 'utf8'));
    const learned = asDirect(parseCoefficientsFile(readFileSync(join(out, 'coefficients.json'), 'utf8')));
    expect(truth.sampleRate).toBe(EXAMPLE_RATE);
    expect(learned.numerator && 'sections' in learned.numerator).toBe(true);
    const target = wav(join(out, 'target.wav'));
    const clean = renderCoefficients(truth, source).y;
    const output = wav(join(out, 'output.wav'));
    const snr = (x: Float64Array) => {
      let num = 0;
      let den = 0;
      for (let t = 0; t < clean.length; t++) {
        num += (x[t] - clean[t]) ** 2;
        den += clean[t] ** 2;
      }
      return 10 * Math.log10(den / num);
    };
    expect(Math.abs(snr(target) - 30)).toBeLessThan(0.5); // the target is the true output + 30 dB SNR noise
    expect(snr(output)).toBeGreaterThan(45); // the learned filter reproduces the clean output
  });

  it('is reproducible: the same seed gives identical coefficients', async () => {
    const a = await runCli(['example', '--out', join(dir, 'a'), '--steps', '200', '--seed', '5']);
    const b = await runCli(['example', '--out', join(dir, 'b'), '--steps', '200', '--seed', '5']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(readFileSync(join(dir, 'a', 'coefficients.json'), 'utf8')).toBe(
      readFileSync(join(dir, 'b', 'coefficients.json'), 'utf8'),
    );
    expect(readFileSync(join(dir, 'a', 'target.wav'))).toEqual(readFileSync(join(dir, 'b', 'target.wav')));
  });
});
