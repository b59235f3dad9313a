/**
 * The curated public surface: diffiir/core exports exactly the names the README's core table
 * lists (and nothing of the real-time internals), diffiir/core/kernels holds those internals, and
 * the two do not overlap.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/index.js';
import * as kernels from '../../src/core/kernels.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Names in backticks in the rows of the table that follows `| area | functions |` in the core section. */
function readmeCoreNames(): string[] {
  const start = README.indexOf('`diffiir/core` exports what a user calls');
  const table = README.slice(README.indexOf('| area | functions |', start));
  const rows = table.split('\n').slice(2);
  const names: string[] = [];
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const cells = row.split('|');
    for (const m of cells[2].matchAll(/`([A-Za-z_][\w]*)`/g)) names.push(m[1]);
  }
  return names;
}

describe('public API', () => {
  it('diffiir/core exports exactly the README table', () => {
    expect(Object.keys(core).sort()).toEqual([...new Set(readmeCoreNames())].sort());
  });

  it('real-time kernels live in diffiir/core/kernels only', () => {
    for (const name of [
      'allpoleFromParams',
      'latticeFromParams',
      'PARAMS_OK',
      'paramsFinite',
      'allpoleUnchecked',
      'prepareAllpole',
      'prepareFromParams',
      'prepareTrackLattice',
      'getDftPlan',
      'RealDftPlan',
      'levinsonScratchLength',
      'lfilterKernel',
    ]) {
      expect(kernels, name).toHaveProperty(name);
      expect(core, name).not.toHaveProperty(name);
    }
    for (const name of Object.keys(kernels)) expect(core, name).not.toHaveProperty(name);
  });

  it('no undeprecated aliases: each function is exported under one name', () => {
    const fns = Object.values(core).filter((v) => typeof v === 'function');
    expect(new Set(fns).size).toBe(fns.length);
  });
});
