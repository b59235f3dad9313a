import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

// `diffiir --version` prints the package's version and exits 0.
describe('diffiir --version', () => {
  it('prints package.json version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    let out = '';
    const code = await main(['--version'], {
      out: (s) => void (out += s),
      err: () => {},
      progressStream: null as never,
    });
    expect(code).toBe(0);
    expect(out.trim()).toBe(pkg.version);
  });
});
