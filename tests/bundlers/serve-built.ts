/**
 * The bundler and example specs' shared fixture: builds the apps once (a builder from
 * build-apps.ts), serves their output folder as plain files on a free loopback port, and tears
 * both down after the file's tests. Needs dist/ built (`npm test` builds first).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import type { BuiltApps } from './build-apps.js';

/** Registers beforeAll/afterAll hooks; `built()` and `base()` are valid inside the tests. */
export function serveBuilt(build: () => Promise<BuiltApps>): { built: () => BuiltApps; base: () => string } {
  let built: BuiltApps | undefined;
  let server: Server | undefined;
  let base = '';
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const dist = new URL('../../dist/host/allpole-processor.js', import.meta.url);
    expect(existsSync(dist), 'run npm run build first').toBe(true);
    const b = await build();
    built = b;
    server = createServer((req, res) => {
      const file = join(b.out, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
      if (!file.startsWith(b.out) || !existsSync(file) || extname(file) === '') {
        res.writeHead(404).end();
        return;
      }
      const type = extname(file) === '.html' ? 'text/html' : 'text/javascript';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(readFileSync(file));
    });
    const s = server;
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    const s = server;
    if (s) await new Promise((r) => s.close(r));
    if (built) rmSync(built.work, { recursive: true, force: true });
  });
  return {
    built: () => {
      if (!built) throw new Error('serveBuilt: the apps are not built yet');
      return built;
    },
    base: () => base,
  };
}
