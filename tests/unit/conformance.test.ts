import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, runConformance } from '../../src/cli/conformance.js';
import { relativeError, runReferenceFile } from '../../src/cli/conformance-checks.js';

import { loadReference, REFERENCE_DIR as REF } from './helpers.js';

describe('conformance against tests/fixtures/reference', () => {
  const { results, pass } = runConformance(REF);

  it('recognises every shipped reference file', () => {
    const files = new Set(results.map((r) => r.file));
    for (const f of [
      'allpole_tv.json',
      'lfilter.json',
      'seed_chirp.json',
      'lpc.json',
      'mrstft.json',
      'lattice_tv.json',
      'tv_lattice_model.json',
    ]) {
      expect(files.has(f), f).toBe(true);
    }
  });

  it.each(results.map((r) => [`${r.file} ${r.name}`, r] as const))('%s is within tolerance', (_, r) => {
    for (const a of r.arrays) expect(a.error, a.name).toBeLessThanOrEqual(a.tolerance);
    expect(r.pass).toBe(true);
  });

  it('passes as a whole', () => expect(pass).toBe(true));
});

describe('conformance machinery', () => {
  it('relativeError scales by max(1, max|ref|) and treats NaN and length mismatch as failures', () => {
    expect(relativeError([1, 2], [1, 2.5])).toBeCloseTo(0.5 / 2.5, 15);
    expect(relativeError([0.1], [0.2])).toBeCloseTo(0.1, 15);
    expect(relativeError([Number.NaN], [0])).toBe(Number.POSITIVE_INFINITY);
    expect(relativeError([1], [1, 2])).toBe(Number.POSITIVE_INFINITY);
  });

  it('flags a perturbed reference case', () => {
    const json = loadReference('allpole_tv.json');
    const c = json.cases[1];
    c.y[c.y.length - 1] += 1e-6 * Math.max(1, ...c.y.map(Math.abs));
    const [res] = runReferenceFile('allpole_tv.json', { cases: [c] });
    expect(res.pass).toBe(false);
    expect(res.worst).toBeGreaterThan(1e-9);
  });

  it('exits non-zero on a failing directory and prints only JSON with --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'diffiir-conf-'));
    const json = loadReference('lfilter.json');
    json.cases[0].dx[0] += 1;
    writeFileSync(join(dir, 'lfilter.json'), JSON.stringify(json));
    const writes: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => {
      writes.push(s);
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = main([dir, '--json']);
    } finally {
      process.stdout.write = orig;
    }
    expect(code).toBe(1);
    const rows = JSON.parse(writes.join(''));
    expect(rows).toHaveLength(json.cases.length);
    expect(Object.keys(rows[0]).sort()).toEqual(['file', 'name', 'worst']);
    expect(rows[0].worst).toBeGreaterThan(1e-9);
  });
});
