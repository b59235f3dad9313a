import { PowerSpectrogramStream } from '../core/spectral/power-spectrogram-stream.js';
import { floorPow2, powerToDb } from './spectrum.js';
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
  /** Samples of each signal (the time axis). */
  length: number;
  target: Spectrogram;
  output: Spectrogram;
}

/** A spectrogram in dB, `cols` frames × `rows` bands, column-major. */
export interface Spectrogram {
  db: Float64Array;
  cols: number;
  rows: number;
}

const MAX_COLS = 120;
const MAX_ROWS = 160;

/**
 * The report's spectrogram of a signal of `length` samples that arrives in blocks (`push`): the
 * rows of `powerSpectrogram` (nFft ≈ sampleRate/25, at most MAX_COLS frames) in dB, reduced to at
 * most MAX_ROWS bands (column-major) as the {@link PowerSpectrogramStream} hands each row out, so
 * only the reduced image is held.
 */
export class SpectrogramStream {
  private readonly frames: PowerSpectrogramStream;
  private readonly db: Float64Array;
  private readonly rows: number;

  constructor(length: number, sampleRate: number) {
    const nfft = Math.min(1024, floorPow2(Math.max(4, Math.round(sampleRate / 25))));
    const hop = Math.max(1, Math.ceil(Math.max(1, length - nfft) / (MAX_COLS - 1)));
    const bins = nfft / 2 + 1;
    const rows = Math.min(MAX_ROWS, bins);
    this.rows = rows;
    let db = new Float64Array(0);
    this.frames = new PowerSpectrogramStream(length, { nFft: nfft, hop }, (f, power) => {
      for (let r = 0; r < rows; r++) {
        const k0 = Math.floor((r * bins) / rows);
        const k1 = Math.max(k0 + 1, Math.floor(((r + 1) * bins) / rows));
        let s = 0;
        for (let k = k0; k < k1; k++) s += power[k];
        db[f * rows + r] = powerToDb(s / (k1 - k0));
      }
    });
    db = new Float64Array(this.frames.frames * rows);
    this.db = db;
  }

  /** The next block of the signal. */
  push(block: ArrayLike<number>): void {
    this.frames.push(block);
  }

  /** The spectrogram (complete once every sample was pushed). */
  result(): Spectrogram {
    return { db: this.db, cols: this.frames.frames, rows: this.rows };
  }
}

/** The report's spectrogram of a whole signal ({@link SpectrogramStream} in one block). */
export function spectrogramDb(x: ArrayLike<number>, sampleRate: number): Spectrogram {
  const s = new SpectrogramStream(x.length, sampleRate);
  s.push(x);
  return s.result();
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
    const t = detail.target;
    const o = detail.output;
    const hi = Math.max(maxOf(t.db), maxOf(o.db));
    const axes = {
      xLabel: 'time (s)',
      yLabel: 'frequency (Hz)',
      xMax: detail.length / detail.sampleRate,
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
