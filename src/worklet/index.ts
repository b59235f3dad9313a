/**
 * src/worklet: the AudioWorkletProcessor of the all-pole node (allpole-processor.ts, bundled on
 * its own into dist/host/allpole-processor.js) and its message protocol with the host
 * (protocol.ts). A thin shell over src/core kernels, with no maths of its own. Layer: core ← worklet.
 */
export * from './protocol.js';
