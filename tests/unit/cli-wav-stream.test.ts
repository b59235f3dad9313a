/**
 * The CLI's WAV I/O without full-length float64 copies (issue 10, memory bounded by design): the
 * Float32Array decode equals wavefile's float64 decode exactly (every supported format is exact
 * in float32), and the block writer produces wavefile's bytes.
 */
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { decodeWav, encodeWav, type WavFormat, WavWriter } from '../../src/cli/wav.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';

const SCALE = { '16': 32768, '24': 8388608, '32f': 1 } as const;

/** The previous decode: wavefile's float64 samples, integers divided by the full scale. */
function wavefileDecode(bytes: Uint8Array, format: WavFormat): Float64Array[] {
  const w = new wavefile.WaveFile();
  w.fromBuffer(bytes);
  const raw = w.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const chans = raw instanceof Float64Array ? [raw] : raw;
  return chans.map((c) => c.map((v) => v / SCALE[format]));
}

/** wavefile's own encoding of mono samples (the previous encodeWav). */
function wavefileEncode(x: Float64Array, sr: number, format: WavFormat): Uint8Array {
  const scale = SCALE[format];
  const data =
    format === '32f'
      ? Float32Array.from(x)
      : (format === '16' ? Int16Array : Int32Array).from(
          Array.from(x, (v) => Math.max(-scale, Math.min(scale - 1, Math.round(v * scale)))),
        );
  const w = new wavefile.WaveFile();
  w.fromScratch(1, sr, format, data);
  return w.toBuffer();
}

function signal(n: number, seed: number, amp: number): Float64Array {
  const g = gaussian(mulberry32(seed));
  const x = Float64Array.from({ length: n }, () => amp * g());
  x[0] = 1e-30; // subnormal in float32
  x[1] = -1;
  return x;
}

describe('streamed WAV I/O', () => {
  it.each(['16', '24', '32f'] as const)(
    'decodes %s to Float32Array exactly as the float64 decode (mono and stereo)',
    (fmt) => {
      const x = signal(1001, 3, 0.4);
      const mono = wavefileEncode(x, 8000, fmt);
      const a = decodeWav(mono, 'm.wav');
      expect(a.channels[0]).toBeInstanceOf(Float32Array);
      expect(Array.from(a.channels[0])).toEqual(Array.from(wavefileDecode(mono, fmt)[0]));
      const scale = SCALE[fmt];
      const ch = [signal(300, 4, 0.3), signal(300, 5, 0.3)].map((c) =>
        fmt === '32f' ? Float32Array.from(c) : Int32Array.from(c, (v) => Math.round(v * scale)),
      );
      const w = new wavefile.WaveFile();
      w.fromScratch(
        2,
        8000,
        fmt,
        ch.map((c) => Array.from(c)),
      );
      const stereo = w.toBuffer();
      const b = decodeWav(stereo, 's.wav');
      const ref = wavefileDecode(stereo, fmt);
      expect(b.channels.length).toBe(2);
      for (let c = 0; c < 2; c++) expect(Array.from(b.channels[c])).toEqual(Array.from(ref[c]));
    },
  );

  it.each(['16', '24', '32f'] as const)(
    'writes %s byte for byte as wavefile, in any blocks, counting clips',
    (fmt) => {
      for (const n of [0, 1, 7, 1000]) {
        const x = signal(n + 2, 9 + n, fmt === '32f' ? 3 : 0.8).subarray(2);
        if (n > 3) x[3] = 1.5; // clipped in integer formats
        const ref = wavefileEncode(x, 44100, fmt);
        const whole = encodeWav(x, 44100, fmt);
        expect(Buffer.from(whole.bytes).equals(Buffer.from(ref))).toBe(true);
        const w = new WavWriter(n, 44100, fmt);
        for (let off = 0; off < n; off += 97) w.write(x.subarray(off, Math.min(n, off + 97)), off);
        expect(Buffer.from(w.bytes).equals(Buffer.from(ref))).toBe(true);
        const clipped =
          fmt === '32f'
            ? 0
            : x.filter(
                (v) => Math.round(v * SCALE[fmt]) >= SCALE[fmt] || Math.round(v * SCALE[fmt]) < -SCALE[fmt],
              ).length;
        expect(w.clipped).toBe(clipped);
        expect(whole.clipped).toBe(clipped);
      }
    },
  );

  it('refuses a block beyond the declared length, naming the offset', () => {
    const w = new WavWriter(10, 8000, '16');
    expect(() => w.write(new Float64Array(4), 8)).toThrow(/offset 8/);
  });
});
