/**
 * Audio files in and out of the page, without ever holding a long file in memory:
 * - `readAudioFile` reads only the first `maxSeconds` of a WAV (its header is parsed with
 *   Blob.slice reads, the data chunk is cut before decoding), and refuses other formats above
 *   `MAX_COMPRESSED_BYTES` (they cannot be cut before decoding), with a note on what was used;
 * - `wavBlob` encodes a signal as 16-bit PCM WAV (wavefile), peak-normalised to −1 dBFS when it
 *   would clip, so a download is never louder than full scale.
 */
import { WaveFile } from 'wavefile';

/** Compressed files (mp3, ogg, …) above this size are refused: they must be decoded whole. */
export const MAX_COMPRESSED_BYTES = 20e6;

/** A decoded (possibly trimmed) file: mono float64 at the context's rate, and what was done. */
export interface DecodedFile {
  signal: Float64Array;
  /** Human-readable size/duration note, e.g. "86.4 MB, 7 min 30 s; first 10 s used". */
  note: string;
}

function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

function duration(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(2)} s`;
}

/** Position and size of a WAV's data chunk and its byte rate, or null if `file` is not a RIFF/WAVE. */
async function wavLayout(
  file: Blob,
): Promise<{ dataStart: number; dataBytes: number; byteRate: number; blockAlign: number } | null> {
  const head = new DataView(await file.slice(0, 12).arrayBuffer());
  if (
    head.byteLength < 12 ||
    head.getUint32(0, false) !== 0x52494646 ||
    head.getUint32(8, false) !== 0x57415645
  )
    return null;
  let pos = 12;
  let byteRate = 0;
  let blockAlign = 0;
  // Walk the chunks (fmt, LIST, …) with small reads until the data chunk.
  for (let i = 0; i < 64 && pos + 8 <= file.size; i++) {
    const h = new DataView(await file.slice(pos, pos + 24).arrayBuffer());
    const id = h.getUint32(0, false);
    const size = h.getUint32(4, true);
    if (id === 0x666d7420 && h.byteLength >= 24) {
      byteRate = h.getUint32(16, true);
      blockAlign = h.getUint16(20, true);
    } else if (id === 0x64617461) {
      if (!(byteRate > 0 && blockAlign > 0)) return null;
      return { dataStart: pos + 8, dataBytes: Math.min(size, file.size - pos - 8), byteRate, blockAlign };
    }
    pos += 8 + size + (size & 1);
  }
  return null;
}

/**
 * Decodes at most the first `maxSeconds` of `file` with `ctx` (mono: channels averaged).
 * @throws Error with the reason (not audio, too large, undecodable).
 */
export async function readAudioFile(
  ctx: BaseAudioContext,
  file: File,
  maxSeconds: number,
): Promise<DecodedFile> {
  const wav = await wavLayout(file);
  let bytes: ArrayBuffer;
  let note: string;
  if (wav) {
    const total = wav.dataBytes / wav.byteRate;
    const keep = Math.min(
      wav.dataBytes,
      Math.floor((maxSeconds * wav.byteRate) / wav.blockAlign) * wav.blockAlign,
    );
    // Header as is (sizes patched), then only the kept samples: the rest is never read.
    const header = new Uint8Array(await file.slice(0, wav.dataStart).arrayBuffer());
    const data = new Uint8Array(await file.slice(wav.dataStart, wav.dataStart + keep).arrayBuffer());
    const out = new Uint8Array(header.length + data.length);
    out.set(header);
    out.set(data, header.length);
    const v = new DataView(out.buffer);
    v.setUint32(4, out.length - 8, true);
    v.setUint32(wav.dataStart - 4, keep, true);
    bytes = out.buffer;
    note = `${mb(file.size)}, ${duration(total)}${keep < wav.dataBytes ? `; only the first ${duration(keep / wav.byteRate)} read` : ''}`;
  } else {
    if (file.size > MAX_COMPRESSED_BYTES)
      throw new Error(
        `${mb(file.size)} is too large for a compressed file (limit ${mb(MAX_COMPRESSED_BYTES)}): convert it to WAV, which the page can cut before decoding`,
      );
    bytes = await file.arrayBuffer();
    note = mb(file.size);
  }
  let buf: AudioBuffer;
  try {
    buf = await ctx.decodeAudioData(bytes);
  } catch (e) {
    throw new Error(`not a decodable audio file (${e instanceof Error ? e.message : String(e)})`);
  }
  const n = Math.min(buf.length, Math.round(maxSeconds * ctx.sampleRate));
  const signal = new Float64Array(n);
  for (let c = 0; c < buf.numberOfChannels; c++) {
    const ch = buf.getChannelData(c);
    for (let i = 0; i < n; i++) signal[i] += ch[i] / buf.numberOfChannels;
  }
  if (!wav)
    note += `, ${duration(buf.length / ctx.sampleRate)}${n < buf.length ? `; first ${duration(maxSeconds)} kept` : ''}`;
  return { signal, note };
}

/** A 16-bit mono WAV of `x` at `sampleRate`; scaled to peak 0.89 (−1 dBFS) only if it would clip. */
export function wavBlob(x: ArrayLike<number>, sampleRate: number): Blob {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const scale = peak > 0.89 ? 0.89 / peak : 1;
  const pcm = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, x[i] * scale)) * 32767);
  const w = new WaveFile();
  w.fromScratch(1, sampleRate, '16', pcm);
  return new Blob([w.toBuffer() as Uint8Array<ArrayBuffer>], { type: 'audio/wav' });
}

/** Offers `blob` as a download named `name` (a blob URL, revoked afterwards). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
