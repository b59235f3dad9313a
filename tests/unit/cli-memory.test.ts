/**
 * Memory bounded by design, for the whole `diffiir train` run (issue 10): decoding, the start,
 * segment training, the render, the report and the file writes hold the two float32 signals and
 * the output file's bytes, not full-length float64 copies. The same all-pole run (order 16, 3
 * steps) on a 2-minute and a 6-minute 48 kHz pair, each a fresh CLI process
 * (bench/cli-memory.ts): the peak RSS grows by ~8 bytes per added sample (measured 7.8; the two
 * float32 signals), where it grew by ~34 before (float64 decode, windowed LPC copy, whole-length
 * forward buffers, float64 render, Welch frames). Shorter files are no test: there the peak is
 * training's fixed working set.
 */
import { describe, expect, it } from 'vitest';
import { measureCli } from '../../bench/cli-memory.js';

describe('diffiir train memory (whole CLI run)', () => {
  it('peak RSS grows by < 18 bytes per sample of the file (2 vs 6 minutes at 48 kHz)', () => {
    const [short] = measureCli(120, 3, ['allpole']);
    const [long] = measureCli(360, 3, ['allpole']);
    expect(short.code).toBe(0);
    expect(long.code).toBe(0);
    const bytesPerSample = ((long.peakRssMB - short.peakRssMB) * 1024 * 1024) / ((360 - 120) * 48000);
    expect(bytesPerSample).toBeLessThan(18);
  }, 300_000);
});
