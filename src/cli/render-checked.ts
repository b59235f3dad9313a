/**
 * The CLI's use of the core renderer (core/render): refusals and output faults become one-line
 * CliErrors, so nothing unstable, non-finite or beyond the bound is ever written.
 */
import type { CoefficientsFile } from '../core/api.js';
import { RENDER_LIMIT, renderCoefficients } from '../core/render/render-coefficients.js';
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

/**
 * Renders `x` through `file`; the output is finite and within the limit, or a CliError is thrown
 * naming the unstable row or the first bad sample.
 */
export function renderOrFail(file: CoefficientsFile, x: Float64Array, check: RenderCheck): Float64Array {
  let r: ReturnType<typeof renderCoefficients>;
  try {
    r = renderCoefficients(file, x, {
      unstable: check.allowUnstable ? 'run' : 'refuse',
      limit: check.limit ?? RENDER_LIMIT,
    });
  } catch (e) {
    const why = oneLine(e).replace(/^renderCoefficients: /, '');
    const hint =
      /not minimum phase/.test(why) && !check.allowUnstable
        ? ' (refused; --allow-unstable runs it anyway)'
        : '';
    throw new CliError(`${check.label}: ${why}${hint}; nothing written`);
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
  return r.y;
}
