import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, oneLine } from './errors.js';

/**
 * All-or-nothing output: every file is first written to a hidden temporary name next to its
 * destination and only renamed into place by `commit()`. `discard()` removes the temporaries,
 * so a failing command leaves no partial file behind. Use one instance per command run.
 */
export class StagedOutput {
  private readonly staged: { temp: string; final: string }[] = [];
  private readonly tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly createdDirs: string[] = [];

  /**
   * Makes sure `dir` exists (creating it and parents; remembered so `discard()` can remove it
   * again if it was created by this run and is still empty).
   */
  ensureDir(dir: string, option = '--out'): void {
    let exists = false;
    try {
      exists = statSync(dir).isDirectory();
      if (!exists) throw new CliError(`${option}: ${dir} exists and is not a directory`, 2);
    } catch (e) {
      if (e instanceof CliError) throw e;
    }
    if (exists) return;
    try {
      const first = mkdirSync(dir, { recursive: true });
      if (first === undefined) return;
      // remember every level created, deepest first
      for (let d = resolve(dir); ; d = dirname(d)) {
        this.createdDirs.push(d);
        if (d === resolve(first) || d === dirname(d)) break;
      }
    } catch (e) {
      throw new CliError(`${option}: cannot create directory ${dir} (${oneLine(e)})`);
    }
  }

  /** Writes `data` to a temporary file for destination `path`. */
  write(path: string, data: string | Uint8Array): void {
    const temp = join(dirname(path), `.${basename(path)}.${this.tag}.tmp`);
    try {
      writeFileSync(temp, data);
    } catch (e) {
      this.discard();
      throw new CliError(`${path}: cannot write (${oneLine(e)})`);
    }
    this.staged.push({ temp, final: path });
  }

  /** Renames every staged file to its destination, in the order written. */
  commit(): void {
    try {
      for (const { temp, final } of this.staged) renameSync(temp, final);
    } catch (e) {
      this.discard();
      throw new CliError(`cannot move output into place (${oneLine(e)})`);
    }
    this.staged.length = 0;
  }

  /** Removes all temporaries (and directories this run created, if empty). Never throws. */
  discard(): void {
    for (const { temp } of this.staged) rmSync(temp, { force: true });
    this.staged.length = 0;
    for (const dir of this.createdDirs) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty or already gone: leave it
      }
    }
    this.createdDirs.length = 0;
  }
}
