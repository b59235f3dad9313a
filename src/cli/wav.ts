import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { CliError, oneLine } from './errors.js';

/** Sample formats the CLI reads and writes: 16/24-bit integer PCM, 32-bit float. */
export type WavFormat = '16' | '24' | '32f';

/**
 * A decoded WAV file, samples scaled to [-1, 1) (float files are passed through as is). Every
 * supported format is exact in float32 (a 16/24-bit integer over 2¹⁵/2²³, or a float32), so the
 * channels are Float32Arrays: half the memory of float64, the same values.
 */
export interface WavAudio {
  /** One Float32Array per channel, each of length `length`. */
  channels: Float32Array[];
  sampleRate: number;
  format: WavFormat;
  /** Frames per channel. */
  length: number;
}

/** Mono audio as the commands use it. */
export interface MonoAudio {
  samples: Float32Array;
  sampleRate: number;
  format: WavFormat;
}

const SCALE: Record<WavFormat, number> = { '16': 32768, '24': 8388608, '32f': 1 };

interface FmtChunk {
  numChannels: number;
  sampleRate: number;
  blockAlign: number;
}

interface DataChunk {
  chunkSize: number;
  samples: Uint8Array;
}

/**
 * Decodes WAV bytes. `label` names the file in error messages. Throws CliError for anything that
 * is not a complete 16-bit, 24-bit PCM or 32-bit float WAV with at least one sample.
 */
export function decodeWav(bytes: Uint8Array, label: string): WavAudio {
  if (bytes.length === 0) throw new CliError(`${label}: file is empty`);
  const wav = new wavefile.WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (e) {
    throw new CliError(`${label}: not a readable WAV file (${oneLine(e)})`);
  }
  const fmt = wav.fmt as FmtChunk;
  const data = (wav as unknown as { data: DataChunk }).data;
  const format = wav.bitDepth as string;
  if (format !== '16' && format !== '24' && format !== '32f') {
    throw new CliError(
      `${label}: unsupported sample format '${format}' (need 16-bit, 24-bit PCM or 32-bit float)`,
    );
  }
  if (!fmt.numChannels || !fmt.sampleRate || !fmt.blockAlign) {
    throw new CliError(`${label}: malformed 'fmt ' chunk`);
  }
  if (!data || data.samples.length === 0) throw new CliError(`${label}: contains no samples`);
  if (data.samples.length < data.chunkSize || data.samples.length % fmt.blockAlign !== 0) {
    throw new CliError(
      `${label}: truncated (data chunk declares ${data.chunkSize} bytes, file holds ${data.samples.length})`,
    );
  }
  // wavefile unpacks straight into Float32Arrays (one per channel; a mono file's array is the
  // unpacked one, no copy): integer samples are exact in float32, and so are they over 2¹⁵ / 2²³.
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  const channels = fmt.numChannels === 1 ? [raw as Float32Array] : (raw as Float32Array[]);
  const scale = SCALE[format];
  for (const ch of channels) {
    if (scale !== 1) for (let i = 0; i < ch.length; i++) ch[i] /= scale;
    for (let i = 0; i < ch.length; i++) {
      if (!Number.isFinite(ch[i])) throw new CliError(`${label}: sample ${i} is not finite`);
    }
  }
  return { channels, sampleRate: fmt.sampleRate, format, length: channels[0].length };
}

/** Reads a WAV file from disk; see decodeWav. */
export function readWav(path: string): WavAudio {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : oneLine(e)})`);
  }
  return decodeWav(bytes, path);
}

/** Reads a WAV file that must be mono (one channel). */
export function readMonoWav(path: string): MonoAudio {
  const audio = readWav(path);
  if (audio.channels.length !== 1) {
    throw new CliError(`${path}: expected a mono file, found ${audio.channels.length} channels`);
  }
  return { samples: audio.channels[0], sampleRate: audio.sampleRate, format: audio.format };
}

/** Result of encoding: the bytes and how many samples had to be clipped to the integer range. */
export interface EncodedWav {
  bytes: Uint8Array;
  clipped: number;
}

const WIDTH: Record<WavFormat, number> = { '16': 2, '24': 3, '32f': 4 };
const HEADER_BYTES = 44;

/**
 * A mono WAV file written block by block into its final bytes (one buffer: the 44-byte header
 * and the samples, laid out as wavefile writes them), so a long output is never held as a
 * float64 array, an integer array and its packed bytes at once. Integer formats clip to [-1, 1)
 * and round (`clipped` counts them); '32f' stores float32(sample) (values outside [-1, 1] kept).
 */
export class WavWriter {
  /** The whole file; complete once every sample [0, length) was written. */
  readonly bytes: Uint8Array;
  /** Samples clipped to the integer range so far. */
  clipped = 0;
  private readonly view: DataView;

  constructor(
    readonly length: number,
    sampleRate: number,
    readonly format: WavFormat,
  ) {
    const width = WIDTH[format];
    const dataBytes = length * width;
    this.bytes = new Uint8Array(HEADER_BYTES + dataBytes);
    const v = new DataView(this.bytes.buffer);
    this.view = v;
    const ascii = (at: number, s: string) => {
      for (let i = 0; i < 4; i++) v.setUint8(at + i, s.charCodeAt(i));
    };
    ascii(0, 'RIFF');
    v.setUint32(4, 36 + dataBytes, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    v.setUint32(16, 16, true);
    v.setUint16(20, format === '32f' ? 3 : 1, true); // IEEE float or PCM
    v.setUint16(22, 1, true);
    v.setUint32(24, sampleRate, true);
    v.setUint32(28, sampleRate * width, true);
    v.setUint16(32, width, true);
    v.setUint16(34, 8 * width, true);
    ascii(36, 'data');
    v.setUint32(40, dataBytes, true);
  }

  /** Writes `samples` as samples [offset, offset + samples.length) of the file. */
  write(samples: ArrayLike<number>, offset: number): void {
    const n = samples.length;
    if (!(Number.isInteger(offset) && offset >= 0 && offset + n <= this.length)) {
      throw new RangeError(
        `WavWriter.write: offset ${offset} + ${n} samples exceeds the length ${this.length}`,
      );
    }
    const v = this.view;
    const width = WIDTH[this.format];
    let p = HEADER_BYTES + offset * width;
    if (this.format === '32f') {
      for (let i = 0; i < n; i++, p += 4) v.setFloat32(p, samples[i], true);
      return;
    }
    const scale = SCALE[this.format];
    for (let i = 0; i < n; i++, p += width) {
      let q = Math.round(samples[i] * scale);
      if (q > scale - 1) {
        q = scale - 1;
        this.clipped++;
      } else if (q < -scale) {
        q = -scale;
        this.clipped++;
      }
      if (width === 2) v.setInt16(p, q, true);
      else {
        v.setUint16(p, q & 0xffff, true);
        v.setInt8(p + 2, q >> 16);
      }
    }
  }
}

/**
 * Encodes mono samples as a WAV file ({@link WavWriter} in one block). Integer formats clip to
 * [-1, 1) and round; '32f' stores the samples as float32 unchanged (values outside [-1, 1] are kept).
 */
export function encodeWav(samples: ArrayLike<number>, sampleRate: number, format: WavFormat): EncodedWav {
  const w = new WavWriter(samples.length, sampleRate, format);
  w.write(samples, 0);
  return { bytes: w.bytes, clipped: w.clipped };
}
