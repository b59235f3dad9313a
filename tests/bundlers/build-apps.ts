/**
 * Builds the tiny app in tests/bundlers/app/ with each mainstream bundler, from the packed
 * package (npm pack of this repo, unpacked as node_modules/diffiir of a temporary app folder,
 * as `npm install diffiir` would lay it out). Each build lands in out/<name>/ with an index.html.
 * - vite, webpack: recognise `new URL('./allpole-processor.js', import.meta.url)` and emit the
 *   worklet file themselves (no configuration).
 * - esbuild, rollup: leave the expression as is; the documented copy step puts the worklet file
 *   next to the bundle.
 * - esbuild-url: the worklet file served from a folder of the app's choosing, passed with
 *   `addAllPoleModule(ctx, { url })`.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import * as esbuild from 'esbuild';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import webpack from 'webpack';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = fileURLToPath(new URL('./app/', import.meta.url));

export const BUNDLERS = ['vite', 'webpack', 'esbuild', 'rollup', 'esbuild-url'] as const;
export type Bundler = (typeof BUNDLERS)[number];

export interface BuiltApps {
  /** Temporary folder: app/ (sources + node_modules/diffiir) and out/<bundler>/. */
  work: string;
  out: string;
  /** Problems a bundler reported (webpack warnings etc.), per bundler. */
  warnings: Record<Bundler, string[]>;
}

const html = (script: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>${script}</body></html>\n`;
const moduleScript = '<script type="module" src="./main.js"></script>';

/** npm pack of the repo (dist/ must be built), unpacked as app/node_modules/diffiir. */
function installPacked(work: string, app: string): void {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  const modules = join(app, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, filename), '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'diffiir'));
}

/** The documented copy step for bundlers that leave the worklet URL alone. */
function copyWorklet(app: string, to: string): void {
  copyFileSync(join(app, 'node_modules/diffiir/dist/host/allpole-processor.js'), to);
}

async function buildVite(app: string, dir: string): Promise<string[]> {
  const warnings: string[] = [];
  await viteBuild({
    root: app,
    configFile: false,
    logLevel: 'silent',
    base: './',
    customLogger: {
      info: () => {},
      warn: (m) => warnings.push(m),
      warnOnce: (m) => warnings.push(m),
      error: (m) => warnings.push(m),
      clearScreen: () => {},
      hasErrorLogged: () => false,
      hasWarned: false,
    },
    build: { outDir: dir, emptyOutDir: true, target: 'es2022', minify: false },
  });
  return warnings;
}

function buildWebpack(app: string, dir: string): Promise<string[]> {
  const compiler = webpack({
    mode: 'production',
    context: app,
    entry: './main.js',
    output: { path: dir, filename: 'main.js', clean: true },
    devtool: false,
    performance: { hints: false },
  });
  return new Promise((resolve, reject) => {
    compiler.run((err, stats) => {
      compiler.close(() => {});
      if (err || !stats) return reject(err ?? new Error('webpack: no stats'));
      const info = stats.toJson({ all: false, errors: true, warnings: true });
      if (stats.hasErrors()) return reject(new Error(info.errors?.map((e) => e.message).join('\n')));
      // A classic script, as html-webpack-plugin writes it (webpack's automatic publicPath).
      writeFileSync(join(dir, 'index.html'), html('<script defer src="./main.js"></script>'));
      resolve((info.warnings ?? []).map((w) => w.message));
    });
  });
}

async function buildEsbuild(app: string, dir: string): Promise<string[]> {
  const r = await esbuild.build({
    absWorkingDir: app,
    entryPoints: ['main.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: dir,
    logLevel: 'silent',
  });
  return r.warnings.map((w) => w.text);
}

async function buildRollup(app: string, dir: string): Promise<string[]> {
  const warnings: string[] = [];
  const bundle = await rollup({
    input: join(app, 'main.js'),
    plugins: [nodeResolve({ browser: true })],
    onwarn: (w) => warnings.push(w.message),
  });
  await bundle.write({ dir, format: 'es' });
  await bundle.close();
  return warnings;
}

/** Packs the repo, lays out the app and builds it with every bundler (~10-20 s). */
export async function buildApps(): Promise<BuiltApps> {
  const work = mkdtempSync(join(tmpdir(), 'diffiir-bundlers-'));
  const app = join(work, 'app');
  const out = join(work, 'out');
  cpSync(APP, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  installPacked(work, app);
  const warnings = {} as Record<Bundler, string[]>;

  warnings.vite = await buildVite(app, join(out, 'vite'));
  warnings.webpack = await buildWebpack(app, join(out, 'webpack'));

  const es = join(out, 'esbuild');
  warnings.esbuild = await buildEsbuild(app, es);
  copyWorklet(app, join(es, 'allpole-processor.js'));
  writeFileSync(join(es, 'index.html'), html(moduleScript));

  const ro = join(out, 'rollup');
  warnings.rollup = await buildRollup(app, ro);
  copyWorklet(app, join(ro, 'allpole-processor.js'));
  writeFileSync(join(ro, 'index.html'), html(moduleScript));

  const eu = join(out, 'esbuild-url');
  warnings['esbuild-url'] = await buildEsbuild(app, eu);
  mkdirSync(join(eu, 'static'));
  copyWorklet(app, join(eu, 'static/diffiir-worklet.js'));
  writeFileSync(
    join(eu, 'index.html'),
    html(moduleScript, "<script>window.WORKLET_URL = './static/diffiir-worklet.js';</script>"),
  );
  return { work, out, warnings };
}

/** The browser examples of examples/ (each an index.html + main.js). */
export const EXAMPLES = ['vite-page', 'tone', 'standardized-audio-context'] as const;

/**
 * Builds each browser example of examples/ with Vite, as its README says, from the packed
 * package; the optional peers (tone, standardized-audio-context) are linked from the repo's
 * node_modules, as an app would install them. Output in out/<example>/.
 */
export async function buildExamples(): Promise<BuiltApps & { warningsOf: Record<string, string[]> }> {
  const work = mkdtempSync(join(tmpdir(), 'diffiir-examples-'));
  const out = join(work, 'out');
  const warningsOf: Record<string, string[]> = {};
  const packed = join(work, 'packed');
  installPacked(work, packed);
  for (const name of EXAMPLES) {
    const app = join(work, name);
    cpSync(fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url)), app, { recursive: true });
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
    const modules = join(app, 'node_modules');
    mkdirSync(modules);
    // A copy, not a link: the bundler resolves the package's peers from where it really is.
    cpSync(join(packed, 'node_modules/diffiir'), join(modules, 'diffiir'), { recursive: true });
    for (const peer of ['tone', 'standardized-audio-context']) {
      symlinkSync(join(ROOT, 'node_modules', peer), join(modules, peer), 'dir');
    }
    warningsOf[name] = await buildVite(app, join(out, name));
  }
  return { work, out, warnings: {} as Record<Bundler, string[]>, warningsOf };
}

/** Files of a build output (one level of folders), for asserting what a bundler emitted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}
