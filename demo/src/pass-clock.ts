/**
 * The clock of a looped excitation: the loop starts on a sample boundary, so pass p begins
 * exactly at `start + p·pass` seconds, and `post(when)` is called once for each pass shortly
 * before it begins (within LOOKAHEAD), so a player can schedule that pass sample-accurately
 * (TrackPlayer: `playTrack`, PerSamplePlayer: per-sample coefficient curves).
 */

/** How far ahead (s) the next pass is posted, and how often (ms) the clock looks. */
const LOOKAHEAD = 0.25;
const TICK_MS = 50;

export class PassClock {
  /** Context time (s) of the first pass, on a sample boundary. */
  readonly start: number;
  private readonly ctx: BaseAudioContext;
  private readonly passSeconds: number;
  private readonly post: (when: number) => boolean;
  /** Index of the next pass to post. */
  private nextPass = 0;
  private readonly timer: number;

  /**
   * A clock for passes of `passSamples`; `post(when)` schedules the pass starting at `when`
   * and returns false when it has nothing to schedule yet (the pass is then offered again).
   */
  constructor(ctx: BaseAudioContext, passSamples: number, post: (when: number) => boolean) {
    this.ctx = ctx;
    this.passSeconds = passSamples / ctx.sampleRate;
    this.post = post;
    this.start = Math.ceil((ctx.currentTime + 0.1) * ctx.sampleRate) / ctx.sampleRate;
    this.timer = window.setInterval(() => this.tick(), TICK_MS);
  }

  /** Posts every pass that begins within the lookahead and has not been posted. */
  tick(): void {
    const now = this.ctx.currentTime;
    // Passes already under way keep what they have; post the next one that starts in the future.
    this.nextPass = Math.max(this.nextPass, Math.ceil((now - this.start) / this.passSeconds));
    const ahead = Math.min(LOOKAHEAD, this.passSeconds / 2);
    while (this.start + this.nextPass * this.passSeconds < now + ahead) {
      if (!this.post(this.start + this.nextPass * this.passSeconds)) return;
      this.nextPass++;
    }
  }

  /** Stops posting. */
  stop(): void {
    clearInterval(this.timer);
  }
}
