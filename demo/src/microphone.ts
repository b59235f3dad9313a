/**
 * Microphone access for the demo: raw capture (no echo cancellation, noise suppression or
 * automatic gain), always started from a user gesture, with failures turned into plain messages.
 */

/** Constraints that keep the browser from processing the signal before our filter sees it. */
export const RAW_AUDIO_CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  video: false,
};

/** Result of asking for the microphone: a stream, or a message to show instead. */
export type MicrophoneResult = { ok: true; stream: MediaStream } | { ok: false; message: string };

/** Asks for the microphone; never throws. Call from a click/keydown handler. */
export async function openMicrophone(): Promise<MicrophoneResult> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return {
      ok: false,
      message:
        'This page cannot reach a microphone here (it needs https or localhost and a browser with getUserMedia). Choose the “example” source instead.',
    };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia(RAW_AUDIO_CONSTRAINTS);
    return { ok: true, stream };
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return {
        ok: false,
        message:
          'Microphone permission was denied. Allow it in the browser’s site settings and try again, or choose the “example” source: every panel works without a microphone.',
      };
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      return { ok: false, message: 'No microphone was found. Choose the “example” source instead.' };
    }
    return {
      ok: false,
      message: `The microphone could not be opened (${name || String(e)}). Choose the “example” source instead.`,
    };
  }
}

/** Stops every track of `stream` (releases the device and its indicator). */
export function closeMicrophone(stream: MediaStream | null): void {
  if (stream) for (const t of stream.getTracks()) t.stop();
}

/**
 * Records `seconds` of raw microphone audio (MediaRecorder, then decoded by `ctx` to mono at its
 * rate). Resolves to the samples, or to a message string when the microphone cannot be used.
 */
export async function recordMicrophone(
  ctx: BaseAudioContext,
  seconds: number,
): Promise<Float64Array | string> {
  const mic = await openMicrophone();
  if (!mic.ok) return mic.message;
  if (typeof MediaRecorder === 'undefined') {
    closeMicrophone(mic.stream);
    return 'This browser cannot record (no MediaRecorder). Choose another source.';
  }
  const rec = new MediaRecorder(mic.stream);
  const chunks: Blob[] = [];
  rec.addEventListener('dataavailable', (e) => chunks.push(e.data));
  const stopped = new Promise<void>((resolve) => rec.addEventListener('stop', () => resolve()));
  rec.start();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  rec.stop();
  await stopped;
  closeMicrophone(mic.stream);
  const buf = await ctx.decodeAudioData(await new Blob(chunks, { type: rec.mimeType }).arrayBuffer());
  const out = new Float64Array(buf.length);
  for (let c = 0; c < buf.numberOfChannels; c++) {
    const ch = buf.getChannelData(c);
    for (let i = 0; i < out.length; i++) out[i] += ch[i] / buf.numberOfChannels;
  }
  return out;
}
