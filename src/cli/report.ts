import { floorPow2, powerFrames, powerToDb } from './spectrum.js';
import { heatmap, linePlot, svgDocument } from './svg-plot.js';

/** Learned vs target magnitude responses (time-invariant training). */
export interface ResponseCurves {
  kind: 'response';
  /** Frequencies in Hz (positive), shared by both curves. */
  freqHz: Float64Array;
  targetDb: Float64Array;
  learnedDb: Float64Array;
  /** Legend text of the target curve. */
  targetLabel: string;
}

/** Target and output signals, shown as spectrograms (time-varying training). */
export interface Spectrograms {
  kind: 'spectrograms';
  sampleRate: number;
  target: Float64Array;
  output: Float64Array;
}

const MAX_COLS = 120;
const MAX_ROWS = 160;

/** Spectrogram in dB, reduced to at most MAX_COLS frames × MAX_ROWS bands (column-major). */
function spectrogramDb(
  x: Float64Array,
  sampleRate: number,
): { db: Float64Array; cols: number; rows: number } {
  const nfft = Math.min(1024, floorPow2(Math.max(4, Math.round(sampleRate / 25))));
  const hop = Math.max(1, Math.ceil(Math.max(1, x.length - nfft) / (MAX_COLS - 1)));
  const { power, frames } = powerFrames(x, nfft, hop);
  const bins = nfft / 2 + 1;
  const rows = Math.min(MAX_ROWS, bins);
  const db = new Float64Array(frames * rows);
  for (let f = 0; f < frames; f++) {
    for (let r = 0; r < rows; r++) {
      const k0 = Math.floor((r * bins) / rows);
      const k1 = Math.max(k0 + 1, Math.floor(((r + 1) * bins) / rows));
      let s = 0;
      for (let k = k0; k < k1; k++) s += power[f * bins + k];
      db[f * rows + r] = powerToDb(s / (k1 - k0));
    }
  }
  return { db, cols: frames, rows };
}

function maxOf(a: Float64Array): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const v of a) if (v > m) m = v;
  return m;
}

/**
 * The training report as an SVG document: the loss curve (log scale) on top, then either the
 * learned vs target magnitude response in dB, or the target and output spectrograms.
 */
export function trainingReportSvg(
  losses: ArrayLike<number>,
  lossName: string,
  detail: ResponseCurves | Spectrograms,
): string {
  const W = 760;
  const steps = Float64Array.from({ length: losses.length }, (_, i) => i + 1);
  const body: string[] = [
    linePlot(
      { x: 0, y: 0, width: W, height: 260, title: `Training loss (${lossName})` },
      [{ label: 'loss', x: steps, y: losses, color: '#1f77b4' }],
      { xLabel: 'step', yLabel: 'loss', logY: true },
    ),
  ];
  let H = 260;
  if (detail.kind === 'response') {
    const all = Float64Array.from([...detail.targetDb, ...detail.learnedDb].filter(Number.isFinite));
    const top = Math.ceil((maxOf(all) + 3) / 10) * 10;
    body.push(
      linePlot(
        { x: 0, y: H, width: W, height: 300, title: 'Magnitude response' },
        [
          { label: detail.targetLabel, x: detail.freqHz, y: detail.targetDb, color: '#444', dashed: true },
          { label: 'learned filter', x: detail.freqHz, y: detail.learnedDb, color: '#d62728' },
        ],
        { xLabel: 'frequency (Hz)', yLabel: 'dB', logX: true, yRange: [top - 60, top] },
      ),
    );
    H += 300;
  } else {
    const t = spectrogramDb(detail.target, detail.sampleRate);
    const o = spectrogramDb(detail.output, detail.sampleRate);
    const hi = Math.max(maxOf(t.db), maxOf(o.db));
    const axes = {
      xLabel: 'time (s)',
      yLabel: 'frequency (Hz)',
      xMax: detail.target.length / detail.sampleRate,
      yMax: detail.sampleRate / 2,
    };
    const panels: [string, typeof t][] = [
      ['Target spectrogram', t],
      ['Output spectrogram (learned time-varying filter)', o],
    ];
    for (const [title, s] of panels) {
      body.push(
        heatmap({ x: 0, y: H, width: W, height: 240, title }, s.db, s.cols, s.rows, hi - 80, hi, axes),
      );
      H += 240;
    }
  }
  return svgDocument(W, H, body);
}
