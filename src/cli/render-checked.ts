/**
 * The CLI's use of the core renderer (core/render): refusals and output faults become one-line
 * CliErrors, so nothing unstable, non-finite or beyond the bound is ever written.
 */
import type { CoefficientsFile, RealArray } from '../core/api.js';
import { type BlockRenderer, createRenderer, RENDER_LIMIT } from '../core/render/render-coefficients.js';
import { CliError, oneLine } from './errors.js';

/** How `render`-like commands treat unstable files (see `renderCoefficients`). */
export interface RenderCheck {
  /** `--allow-unstable`: run a direct-form file that is not minimum phase (the output check stays). */
  allowUnstable?: boolean;
  /** Largest allowed |y| (default RENDER_LIMIT = 1000). */
  limit?: number;
  /** Names the coefficients in messages (a path, or e.g. 'the learned filter'). */
  label: string;
}

/** Samples per block of {@link renderBlocks}. */
export const RENDER_BLOCK = 65536;

/**
 * Renders `x` through `file` block by block (core `createRenderer`: the same samples as one whole
 * render) and hands each checked output block to `onBlock(y, offset)` (y valid during the call),
 * so a long output is never held whole. Every block is finite and within the limit, or a
 * CliError is thrown naming the unstable row or the first bad sample (before that block is
 * handed on).
 */
export function renderBlocks(
  file: CoefficientsFile,
  x: RealArray,
  check: RenderCheck,
  onBlock: (y: Float64Array, offset: number) => void,
): void {
  const refused = (e: unknown) => {
    const why = oneLine(e).replace(/^renderCoefficients: /, '');
    const hint =
      /not minimum phase/.test(why) && !check.allowUnstable
        ? ' (refused; --allow-unstable runs it anyway)'
        : '';
    return new CliError(`${check.label}: ${why}${hint}; nothing written`);
  };
  let r: BlockRenderer;
  try {
    r = createRenderer(file, x.length, {
      unstable: check.allowUnstable ? 'run' : 'refuse',
      limit: check.limit ?? RENDER_LIMIT,
    });
  } catch (e) {
    throw refused(e);
  }
  const y = new Float64Array(Math.min(RENDER_BLOCK, x.length));
  for (let off = 0; off < x.length; off += RENDER_BLOCK) {
    const n = Math.min(RENDER_BLOCK, x.length - off);
    const yb = n === y.length ? y : y.subarray(0, n);
    try {
      r.process(x.subarray(off, off + n), yb);
    } catch (e) {
      throw refused(e);
    }
    if (r.fault) {
      const { sample, value, limit } = r.fault;
      const what = Number.isFinite(value)
        ? `|y| = ${Math.abs(value).toPrecision(3)} > ${limit}`
        : `y = ${value}`;
      throw new CliError(
        `${check.label}: the output fails its check at sample ${sample} (${what}): the filter is unstable or too loud; nothing written`,
      );
    }
    onBlock(yb, off);
  }
}
