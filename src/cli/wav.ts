import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { CliError, oneLine } from './errors.js';

/** Sample formats the CLI reads and writes: 16/24-bit integer PCM, 32-bit float. */
export type WavFormat = '16' | '24' | '32f';

/** A decoded WAV file, samples scaled to [-1, 1) (float files are passed through as is). */
export interface WavAudio {
  /** One Float64Array per channel, each of length `length`. */
  channels: Float64Array[];
  sampleRate: number;
  format: WavFormat;
  /** Frames per channel. */
  length: number;
}

/** Mono audio as the commands use it. */
export interface MonoAudio {
  samples: Float64Array;
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
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels = fmt.numChannels === 1 ? [raw as Float64Array] : (raw as Float64Array[]);
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

/**
 * Encodes mono samples as a WAV file. Integer formats clip to [-1, 1) and round; '32f' stores
 * the samples as float32 unchanged (values outside [-1, 1] are kept).
 */
export function encodeWav(samples: ArrayLike<number>, sampleRate: number, format: WavFormat): EncodedWav {
  const n = samples.length;
  let clipped = 0;
  let data: Float32Array | Int16Array | Int32Array;
  if (format === '32f') {
    data = Float32Array.from(samples);
  } else {
    const scale = SCALE[format];
    data = format === '16' ? new Int16Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let v = Math.round(samples[i] * scale);
      if (v > scale - 1) {
        v = scale - 1;
        clipped++;
      } else if (v < -scale) {
        v = -scale;
        clipped++;
      }
      data[i] = v;
    }
  }
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, sampleRate, format, data);
  return { bytes: wav.toBuffer(), clipped };
}
