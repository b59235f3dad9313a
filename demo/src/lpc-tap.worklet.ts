/**
 * AudioWorklet tap of the talking synth: keeps the last `frameLength` input samples in a ring and,
 * every `hop` samples (counted on the audio clock, not a page timer), posts that frame to the
 * MessagePort it was given (the LPC worker's), so the analysis never waits on the main thread.
 * The ring and the frame are allocated once; posting copies the frame (structured clone).
 */
interface TapOptions {
  frameLength: number;
  hop: number;
}

declare const AudioWorkletProcessor: {
  prototype: { readonly port: MessagePort };
  new (options?: { processorOptions?: TapOptions }): { readonly port: MessagePort };
};
declare function registerProcessor(name: string, ctor: unknown): void;
declare const currentTime: number;

class LpcTapProcessor extends AudioWorkletProcessor {
  private readonly ring: Float32Array;
  private readonly frame: Float32Array;
  private readonly hop: number;
  private pos = 0;
  private sinceHop = 0;
  private out: MessagePort | null = null;

  constructor(options: { processorOptions: TapOptions }) {
    super(options);
    const { frameLength, hop } = options.processorOptions;
    this.ring = new Float32Array(frameLength);
    this.frame = new Float32Array(frameLength);
    this.hop = hop;
    this.port.onmessage = (e: MessageEvent<{ port?: MessagePort; stop?: boolean }>) => {
      if (e.data.port) this.out = e.data.port;
      if (e.data.stop) {
        this.out?.close();
        this.out = null;
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const x = inputs[0]?.[0];
    if (!x) return true;
    const N = this.ring.length;
    for (let i = 0; i < x.length; i++) {
      this.ring[this.pos] = x[i];
      this.pos = this.pos + 1 === N ? 0 : this.pos + 1;
      if (++this.sinceHop >= this.hop) {
        this.sinceHop = 0;
        for (let j = 0; j < N; j++) this.frame[j] = this.ring[(this.pos + j) % N];
        this.out?.postMessage({ frame: this.frame, time: currentTime });
      }
    }
    return true;
  }
}

registerProcessor('diffiir-demo-lpc-tap', LpcTapProcessor);
