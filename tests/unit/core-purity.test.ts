import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core/index.js';

const CORE = fileURLToPath(new URL('../../src/core/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/core stays pure (runs in an AudioWorkletGlobalScope, a page and Node)', () => {
  const sources = files(CORE).map((p) => [p.slice(CORE.length), readFileSync(p, 'utf8')] as const);

  it.each(sources)('%s uses no Node or DOM API and no eval', (_, src) => {
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/from\s+['"]node:|require\(|\bprocess\.|\bBuffer\b/);
    expect(code).not.toMatch(/(?<![.\w])(window|document|navigator|localStorage)\s*\./);
    expect(code).not.toMatch(/\beval\(|new Function\b/);
  });

  it('the barrel exposes the documented entry points', () => {
    for (const name of [
      'allpole',
      'allpoleVjp',
      'allpoleJvp',
      'lattice',
      'lfilter',
      'lfilterVjp',
      'freqz',
      'lpc',
      'lpcFrames',
      'expandTrack',
      'reflectionToDirect',
      'directToReflection',
      'cascadeToDirect',
      'sectionFromPole',
      'chirp',
    ]) {
      expect(typeof (core as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('models and losses live in the train layer, not in the core barrel', () => {
    for (const name of ['createModel', 'mrstftLoss', 'mse', 'TvAllPoleModel']) {
      expect((core as Record<string, unknown>)[name], name).toBeUndefined();
    }
  });
});
