/**
 * `npm run conformance -- <dir> [--json]`: runs the core on every reference file it recognises
 * in `<dir>` (allpole_tv.json, lfilter.json, seed_chirp.json, lpc.json, mrstft.json,
 * lattice_tv.json, tv_lattice_model.json), prints one
 * line per case (file, case name, worst relative error), or with `--json` only a JSON array of
 * `{file, name, worst}`. A file may also be stored gzipped as `<name>.json.gz`. Exits 1 if any
 * case exceeds its tolerance, 2 on bad usage.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type CaseResult, CHECKS, runReferenceFile } from './conformance-checks.js';

/** Parsed JSON of `path`, or of `path.gz` (gzipped) when only that exists; undefined if neither does. */
export function readReferenceJson(path: string): Record<string, unknown> | undefined {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  if (existsSync(`${path}.gz`)) return JSON.parse(gunzipSync(readFileSync(`${path}.gz`)).toString('utf8'));
  return undefined;
}

/** Runs the conformance suite on a directory; returns the results and whether all passed. */
export function runConformance(dir: string): { results: CaseResult[]; pass: boolean } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new RangeError(`conformance: "${dir}" is not a directory`);
  }
  const results: CaseResult[] = [];
  for (const file of Object.keys(CHECKS)) {
    const json = readReferenceJson(join(dir, file));
    if (json !== undefined) results.push(...runReferenceFile(file, json));
  }
  if (results.length === 0) throw new RangeError(`conformance: no reference files found in "${dir}"`);
  return { results, pass: results.every((r) => r.pass) };
}

/** CLI entry: returns the process exit code. */
export function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const dirs = argv.filter((a) => !a.startsWith('--'));
  if (dirs.length !== 1) {
    process.stderr.write('usage: npm run conformance -- <dir> [--json]\n');
    return 2;
  }
  let outcome: { results: CaseResult[]; pass: boolean };
  try {
    outcome = runConformance(dirs[0]);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  if (json) {
    const rows = outcome.results.map(({ file, name, worst }) => ({ file, name, worst }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  } else {
    for (const r of outcome.results) {
      const bad = r.arrays.filter((a) => !(a.error <= a.tolerance)).map((a) => a.name);
      const tail = r.pass ? 'ok' : `FAIL (${bad.join(', ')})`;
      process.stdout.write(`${r.file}\t${r.name}\t${r.worst.toExponential(3)}\t${tail}\n`);
    }
    const failed = outcome.results.filter((r) => !r.pass).length;
    process.stdout.write(`${outcome.results.length - failed} passed, ${failed} failed\n`);
  }
  return outcome.pass ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
