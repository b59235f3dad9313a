import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { CliError } from '../../src/cli/errors.js';
import { decodeWav, encodeWav, readMonoWav } from '../../src/cli/wav.js';

const dir = mkdtempSync(join(tmpdir(), 'diffiir-cli-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cliMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error('expected a CliError');
}

describe('cli wav I/O', () => {
  const x = Float64Array.from([0, 0.5, -0.5, 0.25, -1, 0.999]);

  it('round-trips 32-bit float exactly (float32 values) and keeps values above 1', () => {
    const big = Float64Array.from([1.5, -2.25, Math.fround(0.1)]);
    const a = decodeWav(encodeWav(big, 44100, '32f').bytes, 'f.wav');
    expect(a.format).toBe('32f');
    expect(a.sampleRate).toBe(44100);
    expect(Array.from(a.channels[0])).toEqual(Array.from(big));
  });

  it.each([
    ['16', 32768],
    ['24', 8388608],
  ] as const)('round-trips %s-bit PCM within one LSB and scales to [-1, 1)', (fmt, scale) => {
    const a = decodeWav(encodeWav(x, 16000, fmt).bytes, 'p.wav');
    expect(a.format).toBe(fmt);
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(a.channels[0][i] - x[i])).toBeLessThanOrEqual(0.5 / scale);
    expect(a.channels[0][4]).toBe(-1);
  });

  it('counts clipped samples when writing integer PCM', () => {
    const { bytes, clipped } = encodeWav([2, -3, 0.1, 1], 8000, '16');
    expect(clipped).toBe(3);
    const a = decodeWav(bytes, 'c.wav').channels[0];
    expect(a[0]).toBe(32767 / 32768);
    expect(a[1]).toBe(-1);
  });

  it('rejects empty, non-WAV, truncated and stereo files naming the file', () => {
    expect(cliMessage(() => decodeWav(new Uint8Array(0), 'e.wav'))).toMatch(/^e\.wav: .*empty/);
    expect(cliMessage(() => decodeWav(new TextEncoder().encode('not a wav file at all!!'), 'n.wav'))).toMatch(
      /^n\.wav: not a readable WAV/,
    );
    const full = encodeWav(new Float64Array(100), 8000, '16').bytes;
    expect(cliMessage(() => decodeWav(full.slice(0, full.length - 51), 't.wav'))).toMatch(
      /^t\.wav: truncated/,
    );
    expect(cliMessage(() => decodeWav(full.slice(0, 44), 'h.wav'))).toMatch(/^h\.wav: /);
    const stereo = join(dir, 'stereo.wav');
    const w = new wavefile.WaveFile();
    w.fromScratch(2, 8000, '16', [
      [0, 1],
      [2, 3],
    ]);
    writeFileSync(stereo, w.toBuffer());
    expect(cliMessage(() => readMonoWav(stereo))).toMatch(
      /stereo\.wav: expected a mono file, found 2 channels/,
    );
    expect(cliMessage(() => readMonoWav(join(dir, 'missing.wav')))).toMatch(/missing\.wav: cannot read/);
  });

  it('rejects unsupported sample formats', () => {
    const w = new wavefile.WaveFile();
    w.fromScratch(1, 8000, '8', [128, 129]);
    expect(cliMessage(() => decodeWav(w.toBuffer(), 'u8.wav'))).toMatch(
      /u8\.wav: unsupported sample format '8'/,
    );
  });
});
