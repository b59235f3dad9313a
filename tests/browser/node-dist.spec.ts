/**
 * The built host bundle (dist/host/index.js, from `npm run build:web`) loads in a plain page as
 * ESM with no bundler and no bare imports, under a strict CSP, and renders audio through the
 * worklet file emitted next to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const DIST = new URL('../../dist/host/', import.meta.url);

test('dist/host has no bare-module imports and a separate worklet file', () => {
  expect(existsSync(new URL('index.js', DIST)), 'run npm run build:web first').toBe(true);
  expect(existsSync(new URL('allpole-processor.js', DIST))).toBe(true);
  for (const f of ['index.js', 'node.js']) {
    const src = readFileSync(new URL(f, DIST), 'utf8');
    const specifiers = [...src.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const s of specifiers) expect(s, `${f} imports ${s}`).toMatch(/^\.{1,2}\//);
  }
  const worklet = readFileSync(new URL('allpole-processor.js', DIST), 'utf8');
  expect(worklet).not.toMatch(/^\s*(import|export)\s/m);
  expect(worklet).not.toMatch(/data:/);
});

test('dist/standardized imports only relative modules and its standardized-audio-context peer', () => {
  const file = new URL('../../dist/standardized/index.js', import.meta.url);
  expect(existsSync(file), 'run npm run build:web first').toBe(true);
  // Code only (the bundle keeps the TSDoc, whose usage example names 'diffiir/standardized').
  const src = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [...src.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']/g)].map(
    (m) => m[1] ?? m[2],
  );
  expect(specifiers).toContain('standardized-audio-context');
  for (const s of specifiers) expect(s, `imports ${s}`).toMatch(/^(\.{1,2}\/|standardized-audio-context$)/);
  // The plain host bundle stays free of it.
  expect(readFileSync(new URL('index.js', DIST), 'utf8')).not.toMatch(/standardized-audio-context/);
  expect(readFileSync(new URL('node.js', DIST), 'utf8')).not.toMatch(/from\s*["']standardized-audio-context/);
});

test('dist/host/index.js renders audio in a plain page (strict CSP)', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`http://127.0.0.1:${process.env.DIFFIIR_STATIC_PORT}/tests/browser/pages/dist.html`);
  await expect(page).toHaveTitle('dist ready');
  for (const domain of ['reflection', 'direct'] as const) {
    const c = -0.9;
    const y = await page.evaluate(([d, v]) => window.renderImpulse(d, v, 300), [domain, c] as const);
    expect(y).toHaveLength(300);
    // y[n] = (-a1)^n with a1 = k1 = c.
    for (let n = 0; n < 300; n++) expect(Math.abs(y[n] - (-c) ** n)).toBeLessThanOrEqual(1e-6);
  }
  expect(errors).toEqual([]);
});

declare global {
  interface Window {
    renderImpulse(domain: 'reflection' | 'direct', c: number, length: number): Promise<number[]>;
  }
}
