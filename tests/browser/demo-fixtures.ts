/**
 * Shared setup of the demo browser tests: the fake-microphone WAV (made by the demo's own
 * example generator, so the tests need no external audio), Chromium launch flags, and helpers
 * that measure the page's analysers through `window.__diffiirDemo`.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import wavefile from 'wavefile';
import { exampleSpeech } from '../../demo/src/examples.js';

// The page's hook object (also brings the `window.__diffiirDemo` typing into the tests).
export type { DemoHooks } from '../../demo/src/test-hooks.js';

export const SAMPLE_RATE = 48000;
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

/**
 * Writes the fake-microphone recording (136 synthetic syllables ≈ 60 s, 16-bit mono 48 kHz) and
 * returns its absolute path. It lives in the OS temp folder, not test-results/, because any
 * Playwright run empties test-results/ when it starts (a concurrent run would delete it).
 * Written to a temp name and renamed, so a reader never sees half a file.
 */
export function writeFakeMicWav(): string {
  const dir = resolve(tmpdir(), 'diffiir-demo-tests');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'fake-mic.wav');
  const x = exampleSpeech(SAMPLE_RATE, 136);
  const pcm = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, x[i])) * 32767);
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, SAMPLE_RATE, '16', pcm);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, wav.toBuffer());
  renameSync(tmp, path);
  return path;
}

/** Chromium flags of the demo project (fake media devices fed by `wavPath`, audible output). */
export function chromiumArgs(wavPath: string): string[] {
  return [
    '--no-sandbox',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wavPath}%noloop`,
    '--disable-gpu',
    '--disable-background-networking',
  ];
}

/** The `test.use` options of every demo spec (fake microphone fed by `wavPath`, 1100×900). */
export function demoUse(wavPath: string) {
  return {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs(wavPath),
      ignoreDefaultArgs: ['--mute-audio'],
    },
    viewport: { width: 1100, height: 900 },
  };
}

/**
 * Init script: records every connection to an AudioDestinationNode made by a node that is not
 * the output bus (`diffiirBus` mark) in `window.__bypass`, so a test can prove that everything
 * audible went through the limiter.
 */
export function watchDestination(): void {
  const w = window as unknown as { __bypass: string[] };
  w.__bypass = [];
  const orig = AudioNode.prototype.connect as (this: AudioNode, ...a: unknown[]) => unknown;
  AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
    if (args[0] instanceof AudioDestinationNode && !(this as AudioNode & { diffiirBus?: boolean }).diffiirBus)
      w.__bypass.push(this.constructor.name);
    return orig.apply(this, args);
  } as typeof AudioNode.prototype.connect;
}

/** Waits until the page has installed its hooks. */
export async function waitForDemo(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__diffiirDemo !== undefined);
}

/** RMS of an analyser's latest time-domain block, read in the page. */
export async function analyserRms(
  page: Page,
  which: 'mic.input' | 'mic.output' | 'synth.input' | 'synth.output' | 'train.output',
): Promise<number> {
  return page.evaluate((w) => {
    const [panel, side] = w.split('.');
    const hooks = window.__diffiirDemo as unknown as
      | Record<string, Record<string, AnalyserNode | null>>
      | undefined;
    const a = hooks?.[panel]?.[side];
    if (!a) return 0;
    const buf = new Float32Array(a.fftSize);
    a.getFloatTimeDomainData(buf);
    let s = 0;
    for (const v of buf) s += v * v;
    return Math.sqrt(s / buf.length);
  }, which);
}

/** Pearson correlation of two equal-length series. */
export function correlation(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
