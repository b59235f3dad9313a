#!/usr/bin/env node
// Runs every test suite (Vitest unit tests in Node, Playwright browser tests in Debian's
// Chromium), then prints one closing line "N passed, N failed[, N skipped]" summed over both,
// and exits non-zero if anything failed or if a suite could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function readJson(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// The package-exports test and the browser tests load dist/ (e.g. ./host as plain ESM), so build
// it from this tree first.
if (run('build', 'npm', ['run', 'build']) !== 0) broken = true;

// Vitest (unit tests, Node).
const vitestOut = 'test-results/vitest.json';
rmSync(vitestOut, { force: true });
const vStatus = run('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestOut}`,
]);
const v = readJson(vitestOut);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  if (v.numFailedTestSuites > 0 && v.numFailedTests === 0) broken = true;
}
if (vStatus !== 0 && (!v || v.numFailedTests === 0)) broken = true;

// Playwright (browser tests, Debian Chromium).
if (existsSync('playwright.config.ts')) {
  const pwOut = 'test-results/playwright.json';
  rmSync(pwOut, { force: true });
  const pStatus = run('browser', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut,
  });
  const p = readJson(pwOut);
  if (p?.stats) {
    totals.passed += p.stats.expected + (p.stats.flaky ?? 0);
    totals.failed += p.stats.unexpected;
    totals.skipped += p.stats.skipped;
  }
  if (pStatus !== 0 && (!p?.stats || p.stats.unexpected === 0)) broken = true;
}

if (broken) console.log('\na test suite failed to run (see above)');
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || broken || totals.passed === 0 ? 1 : 0;
