import { encodeRgbPng } from './png.js';

/**
 * Minimal SVG plotting for the training report: line plots with linear/log axes and a
 * heat map for spectrograms. Produces self-contained SVG fragments (strings); no DOM.
 */

/** Placement of a panel inside the report, in SVG user units. */
export interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
}

/** One line of a line plot. */
export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dashed?: boolean;
}

export interface LinePlotOptions {
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** Fixed y range (in data units); otherwise the data range. */
  yRange?: [number, number];
}

const M = { left: 58, right: 12, top: 24, bottom: 38 };

/** Escapes text for SVG content/attributes. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e3 && a < 1e6) return `${Number((v / 1000).toPrecision(3))}k`;
  if (a >= 1e6 || a < 1e-2) return v.toExponential(0);
  return Number(v.toPrecision(3)).toString();
}

/** "Nice" linear ticks covering [lo, hi]. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function logTicks(lo: number, hi: number): number[] {
  const decades = Math.log10(hi / lo);
  const mantissas = decades > 3 ? [1] : [1, 2, 5];
  const every = Math.max(1, Math.ceil(decades / 8));
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    if (e % every !== 0) continue;
    for (const m of mantissas) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks.length >= 2 ? ticks : linearTicks(lo, hi, 4).filter((v) => v > 0);
}

function range(values: ArrayLike<number>[], log: boolean): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (!Number.isFinite(x) || (log && x <= 0)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (!Number.isFinite(lo)) return log ? [1, 10] : [0, 1];
  if (lo === hi) return log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
  return [lo, hi];
}

function frame(p: Panel): string {
  return (
    `<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" fill="#fff"/>` +
    `<text x="${p.x + p.width / 2}" y="${p.y + 16}" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`
  );
}

/** Renders a line plot (axes, ticks, grid, legend) into panel `p`. */
export function linePlot(p: Panel, series: Series[], o: LinePlotOptions): string {
  const px0 = p.x + M.left;
  const px1 = p.x + p.width - M.right;
  const py0 = p.y + p.height - M.bottom;
  const py1 = p.y + M.top;
  const [xlo, xhi] = range(
    series.map((s) => s.x),
    !!o.logX,
  );
  const [ylo, yhi] =
    o.yRange ??
    range(
      series.map((s) => s.y),
      !!o.logY,
    );
  const tx = (v: number) => (o.logX ? Math.log10(v / xlo) / Math.log10(xhi / xlo) : (v - xlo) / (xhi - xlo));
  const ty = (v: number) => (o.logY ? Math.log10(v / ylo) / Math.log10(yhi / ylo) : (v - ylo) / (yhi - ylo));
  const sx = (v: number) => px0 + tx(v) * (px1 - px0);
  const sy = (v: number) => py0 - Math.min(1, Math.max(0, ty(v))) * (py0 - py1);
  const parts: string[] = [frame(p)];
  const xt = o.logX ? logTicks(xlo, xhi) : linearTicks(xlo, xhi);
  const yt = o.logY ? logTicks(ylo, yhi) : linearTicks(ylo, yhi);
  for (const v of xt) {
    const X = sx(v).toFixed(1);
    parts.push(`<line x1="${X}" x2="${X}" y1="${py1}" y2="${py0}" stroke="#ddd"/>`);
    parts.push(`<text x="${X}" y="${py0 + 14}" text-anchor="middle">${fmt(v)}</text>`);
  }
  for (const v of yt) {
    const Y = sy(v).toFixed(1);
    parts.push(`<line x1="${px0}" x2="${px1}" y1="${Y}" y2="${Y}" stroke="#ddd"/>`);
    parts.push(`<text x="${px0 - 4}" y="${Y}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  parts.push(
    `<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" fill="none" stroke="#444"/>`,
  );
  parts.push(`<text x="${(px0 + px1) / 2}" y="${py0 + 30}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  parts.push(
    `<text x="${p.x + 14}" y="${(py0 + py1) / 2}" text-anchor="middle" transform="rotate(-90 ${p.x + 14} ${(py0 + py1) / 2})">${esc(o.yLabel)}</text>`,
  );
  series.forEach((s, k) => {
    const pts: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const xv = s.x[i];
      const yv = s.y[i];
      if (!Number.isFinite(xv) || !Number.isFinite(yv) || (o.logX && xv <= 0) || (o.logY && yv <= 0))
        continue;
      pts.push(`${sx(xv).toFixed(1)},${sy(yv).toFixed(1)}`);
    }
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="1.5"${dash} points="${pts.join(' ')}"/>`,
    );
    const ly = py1 + 12 + 14 * k;
    parts.push(
      `<line x1="${px1 - 190}" x2="${px1 - 170}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`,
    );
    parts.push(`<text x="${px1 - 165}" y="${ly}" dominant-baseline="middle">${esc(s.label)}</text>`);
  });
  return parts.join('\n');
}

/** Maps t ∈ [0, 1] to a dark-blue → yellow colour ramp, written as RGB bytes at `out[o..o+2]`. */
function ramp(t: number, out: Uint8Array, o: number): void {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  out[o] = Math.round(255 * Math.min(1, c * 1.6));
  out[o + 1] = Math.round(255 * c * c);
  out[o + 2] = Math.round(255 * (0.35 + 0.3 * Math.sin(Math.PI * c)) * (1 - c));
}

/**
 * Heat map of `values` (`cols × rows`, column-major: one column per time frame, row 0 at the
 * bottom) over the colour range [lo, hi] (e.g. dB), embedded as a PNG image. Axes are labelled
 * with the given extents.
 */
export function heatmap(
  p: Panel,
  values: Float64Array,
  cols: number,
  rows: number,
  lo: number,
  hi: number,
  axes: { xLabel: string; yLabel: string; xMax: number; yMax: number },
): string {
  const px0 = p.x + M.left;
  const px1 = p.x + p.width - M.right;
  const py0 = p.y + p.height - M.bottom;
  const py1 = p.y + M.top;
  const rgb = new Uint8Array(cols * rows * 3);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++)
      ramp((values[c * rows + r] - lo) / (hi - lo), rgb, ((rows - 1 - r) * cols + c) * 3);
  }
  const png = encodeRgbPng(cols, rows, rgb).toString('base64');
  const parts: string[] = [frame(p)];
  parts.push(
    `<image x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" preserveAspectRatio="none" ` +
      `style="image-rendering:pixelated" href="data:image/png;base64,${png}"/>`,
  );
  for (const v of linearTicks(0, axes.xMax, 5)) {
    const X = (px0 + (v / axes.xMax) * (px1 - px0)).toFixed(1);
    parts.push(`<text x="${X}" y="${py0 + 14}" text-anchor="middle">${fmt(v)}</text>`);
  }
  for (const v of linearTicks(0, axes.yMax, 5)) {
    const Y = (py0 - (v / axes.yMax) * (py0 - py1)).toFixed(1);
    parts.push(`<text x="${px0 - 4}" y="${Y}" text-anchor="end" dominant-baseline="middle">${fmt(v)}</text>`);
  }
  parts.push(
    `<rect x="${px0}" y="${py1}" width="${px1 - px0}" height="${py0 - py1}" fill="none" stroke="#444"/>`,
  );
  parts.push(`<text x="${(px0 + px1) / 2}" y="${py0 + 30}" text-anchor="middle">${esc(axes.xLabel)}</text>`);
  parts.push(
    `<text x="${p.x + 14}" y="${(py0 + py1) / 2}" text-anchor="middle" transform="rotate(-90 ${p.x + 14} ${(py0 + py1) / 2})">${esc(axes.yLabel)}</text>`,
  );
  return parts.join('\n');
}

/** Wraps panels into a complete SVG document. */
export function svgDocument(width: number, height: number, body: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">\n` +
    `<rect width="100%" height="100%" fill="#f4f4f4"/>\n${body.join('\n')}\n</svg>\n`
  );
}
