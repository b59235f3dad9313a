/**
 * The talking synth's analysis Worker: receives frames straight from the AudioWorklet tap (a
 * MessagePort handed over by the page), runs LpcTracker on each, and posts the results to the
 * page, which only forwards them to the filter node.
 */
import { type LpcFrame, LpcTracker } from './lpc-tracker.js';

/** Page → worker: the tap's port and the analysis settings. */
export interface LpcWorkerInit {
  port: MessagePort;
  order: number;
  frameLength: number;
}

/** Worker → page: one analysed frame (null: silence) and the audio time it ends at. */
export interface LpcWorkerFrame {
  frame: LpcFrame | null;
  time: number;
}

const scope = self as unknown as {
  postMessage(m: LpcWorkerFrame, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<LpcWorkerInit>) => void) | null;
};

scope.onmessage = (e) => {
  const { port, order, frameLength } = e.data;
  const tracker = new LpcTracker(order, frameLength);
  port.onmessage = (m: MessageEvent<{ frame: Float32Array; time: number }>) => {
    const f = tracker.analyse(m.data.frame);
    scope.postMessage({ frame: f, time: m.data.time }, f ? [f.k.buffer] : []);
  };
};
