/**
 * Where a command writes, checked before any work and committed atomically.
 *
 * `prepareOutput(path, kind, rules)` runs first, before files are read or anything is computed:
 * - the target is not on a special filesystem (/proc, /sys, /dev), not a folder where a file is
 *   expected (or the reverse), and its nearest existing parent is a folder;
 * - it is not one of the command's inputs (same file, or a folder holding an input);
 * - existing results are only replaced with `--force` (a folder must then hold only files a
 *   diffiir run writes, so nothing else can be lost);
 * - the staging place is created right away beside the target (a hidden `.NAME.staging-*` folder,
 *   or a `.NAME.*.tmp` file), which proves the folder is writable.
 * Every output is then written into the staging place; `commit()` moves it into place with one
 * rename (a folder that held old results is swapped with a rename and restored if the swap
 * fails), so an interrupted or failed run leaves the old results complete and no partial file.
 * `discard()` removes the staging place and any parent folders it created.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CliError, oneLine } from './errors.js';

/** Files a diffiir run writes into an output folder (only these may be replaced with --force). */
export const RESULT_FILES: readonly string[] = [
  'coefficients.json',
  'output.wav',
  'loss.csv',
  'report.svg',
  'source.wav',
  'target.wav',
  'true-filter.json',
];

/** Filesystems that are not storage: writing there is refused. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

/** What {@link prepareOutput} checks the target against. */
export interface OutputRules {
  /** The option that named the target (for messages), e.g. '--out'. */
  option: string;
  /** Input files of the command (option → path); the target must not be or hold any of them. */
  inputs: Record<string, string | undefined>;
  /** Replace existing results (--force). */
  force: boolean;
}

/** A checked output place; write into it, then commit or discard. */
export interface StagedTarget {
  /** The final path (file or folder). */
  readonly path: string;
  /** Writes one output: a folder target takes a file name, a file target ignores `name`. */
  write(name: string, data: string | Uint8Array): void;
  /** Moves everything written into place (atomic, see the module doc). */
  commit(): void;
  /** Removes the staging place and folders created for it. Never throws. */
  discard(): void;
}

function fail(rules: OutputRules, text: string): never {
  throw new CliError(`${rules.option}: ${text}`, 2);
}

function realOrNull(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/** The deepest existing ancestor of `p` (itself if it exists). */
function nearestExisting(p: string): string {
  let d = p;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

function isInside(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !r.startsWith(sep) && !/^[a-zA-Z]:/.test(r));
}

function checkSpecial(rules: OutputRules, target: string): void {
  const anchor = realOrNull(nearestExisting(target)) ?? target;
  const probe = existsSync(target) ? anchor : join(anchor, relative(nearestExisting(target), target));
  for (const root of SPECIAL_ROOTS) {
    if (isInside(probe, root) || isInside(target, root)) {
      fail(rules, `${target} is on a special filesystem (${root}); choose a folder on disk`);
    }
  }
}

function checkInputs(rules: OutputRules, target: string, kind: 'file' | 'folder'): void {
  const realTarget = realOrNull(target);
  for (const [option, p] of Object.entries(rules.inputs)) {
    if (p === undefined) continue;
    const abs = resolve(p);
    const real = realOrNull(abs) ?? abs;
    if (kind === 'file') {
      let same = real === (realTarget ?? target);
      if (!same && realTarget !== null) {
        try {
          const a = statSync(abs);
          const b = statSync(target);
          same = a.dev === b.dev && a.ino === b.ino;
        } catch {
          // an unreadable input is reported when it is read
        }
      }
      if (same) fail(rules, `${target} is also the input (${option}); choose another file`);
    } else if (isInside(real, realTarget ?? target) || isInside(abs, target)) {
      fail(rules, `${target} holds the input ${p} (${option}); choose another folder`);
    }
  }
}

/** Creates `dir` and missing parents; returns the created folders, deepest first. */
function makeParents(rules: OutputRules, dir: string): string[] {
  const top = nearestExisting(dir);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(top);
  } catch (e) {
    fail(rules, `cannot use ${dir} (${oneLine(e)})`);
  }
  if (!st.isDirectory()) fail(rules, `cannot create ${dir}: ${top} is a file, not a folder`);
  if (top === dir) return [];
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    fail(rules, `cannot create folder ${dir} (${oneLine(e)})`);
  }
  const created: string[] = [];
  for (let d = dir; d !== top && dirname(d) !== d; d = dirname(d)) created.push(d);
  return created;
}

function removeEmpty(dirs: string[]): void {
  for (const d of dirs) {
    try {
      rmdirSync(d);
    } catch {
      // not empty or gone: leave it
    }
  }
}

/**
 * Checks `path` as the output of a command (a `file`, or a `folder` of results) and creates its
 * staging place (module doc). Call it before reading inputs or computing anything.
 * @throws CliError (exit code 2) with one line naming `rules.option`.
 */
export function prepareOutput(path: string, kind: 'file' | 'folder', rules: OutputRules): StagedTarget {
  if (path.trim() === '') fail(rules, 'must not be empty');
  const target = resolve(path);
  checkSpecial(rules, target);
  let exists = false;
  try {
    const st = lstatSync(target);
    exists = true;
    const real = st.isSymbolicLink() ? statSync(target) : st;
    if (kind === 'file' && real.isDirectory()) fail(rules, `${path} is a folder; give a file name`);
    if (kind === 'file' && !real.isFile()) fail(rules, `${path} is not a regular file`);
    if (kind === 'folder' && !real.isDirectory()) fail(rules, `${path} exists and is not a folder`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      if (code === 'ENOTDIR') fail(rules, `cannot create ${path}: a parent is a file, not a folder`);
      fail(rules, `cannot use ${path} (${oneLine(e)})`);
    }
  }
  checkInputs(rules, target, kind);
  let holdsResults = false;
  if (exists && kind === 'folder') {
    const entries = readdirSync(target);
    const others = entries.filter((n) => !RESULT_FILES.includes(n));
    if (others.length > 0) {
      fail(
        rules,
        `${path} holds other files (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}); choose a new or empty folder`,
      );
    }
    holdsResults = entries.length > 0;
    if (holdsResults && !rules.force) {
      fail(rules, `${path} already holds results (${entries.join(', ')}); pass --force to replace them`);
    }
  }
  if (exists && kind === 'file' && !rules.force) fail(rules, `${path} exists; pass --force to replace it`);
  const parent = dirname(target);
  const created = makeParents(rules, parent);
  const name = basename(target);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  if (kind === 'file') {
    const temp = join(parent, `.${name}.${tag}.tmp`);
    try {
      closeSync(openSync(temp, 'wx'));
    } catch (e) {
      removeEmpty(created);
      fail(rules, `cannot write in ${parent} (${oneLine(e)})`);
    }
    return new StagedFile(target, temp, created);
  }
  let staging: string;
  try {
    staging = mkdtempSync(join(parent, `.${name}.staging-`));
  } catch (e) {
    removeEmpty(created);
    fail(rules, `cannot write in ${parent} (${oneLine(e)})`);
  }
  return new StagedFolder(target, staging, created, exists, tag);
}

class StagedFile implements StagedTarget {
  private done = false;
  constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly created: string[],
  ) {}

  write(_name: string, data: string | Uint8Array): void {
    try {
      writeFileSync(this.temp, data);
    } catch (e) {
      this.discard();
      throw new CliError(`${this.path}: cannot write (${oneLine(e)})`);
    }
  }

  commit(): void {
    try {
      renameSync(this.temp, this.path);
      this.done = true;
    } catch (e) {
      this.discard();
      throw new CliError(`${this.path}: cannot move the output into place (${oneLine(e)})`);
    }
  }

  discard(): void {
    if (this.done) return;
    rmSync(this.temp, { force: true });
    removeEmpty(this.created);
  }
}

class StagedFolder implements StagedTarget {
  private done = false;
  constructor(
    readonly path: string,
    private readonly staging: string,
    private readonly created: string[],
    private readonly replace: boolean,
    private readonly tag: string,
  ) {}

  write(name: string, data: string | Uint8Array): void {
    try {
      writeFileSync(join(this.staging, name), data);
    } catch (e) {
      this.discard();
      throw new CliError(`${join(this.path, name)}: cannot write (${oneLine(e)})`);
    }
  }

  commit(): void {
    const old = join(dirname(this.path), `.${basename(this.path)}.old-${this.tag}`);
    let moved = false;
    try {
      if (this.replace || existsSync(this.path)) {
        renameSync(this.path, old);
        moved = true;
      }
      renameSync(this.staging, this.path);
      this.done = true;
    } catch (e) {
      if (moved && !existsSync(this.path)) renameSync(old, this.path);
      this.discard();
      throw new CliError(`${this.path}: cannot move the results into place (${oneLine(e)})`);
    }
    if (moved) rmSync(old, { recursive: true, force: true });
  }

  discard(): void {
    if (this.done) return;
    rmSync(this.staging, { recursive: true, force: true });
    removeEmpty(this.created);
  }
}
