/**
 * The header's master strip: volume, mute and a level meter of what reaches the speakers (the
 * output bus's probe), plus the value read-out next to every range input on the page.
 */
import { whenAudioReady } from './audio-context.js';
import { byId } from './dom.js';
import { outputBus } from './output-bus.js';
import { hooks } from './test-hooks.js';

/** Text of a range input's value for its `<output>` (`data-format="percent"`, `data-unit`). */
function readout(input: HTMLInputElement, out: HTMLOutputElement): string {
  const v = Number(input.value);
  if (out.dataset.format === 'percent') return `${Math.round(v * 100)}%`;
  const step = Number(input.step) || 1;
  const digits = Math.max(0, Math.min(3, Math.ceil(-Math.log10(step))));
  return `${v.toFixed(digits)}${out.dataset.unit ?? ''}`;
}

/** Keeps every `<output for="…">` of a range input showing its value (also after scripted changes). */
export function bindReadouts(root: ParentNode = document): void {
  for (const out of Array.from(root.querySelectorAll<HTMLOutputElement>('output[for]'))) {
    const id = out.htmlFor.value.split(' ')[0];
    const input = document.getElementById(id);
    if (!(input instanceof HTMLInputElement) || input.type !== 'range' || input.dataset.readout) continue;
    input.dataset.readout = '1';
    const update = () => {
      out.value = readout(input, out);
    };
    input.addEventListener('input', update);
    input.addEventListener('change', update);
    update();
  }
}

/** Wires the master volume, mute and meter (applied to the bus as soon as audio exists). */
export function setupMasterControls(): void {
  const volume = byId<HTMLInputElement>('master-volume');
  const mute = byId<HTMLInputElement>('master-mute');
  const meter = byId<HTMLMeterElement>('master-meter');
  const level = byId<HTMLOutputElement>('master-level');
  whenAudioReady((ctx) => {
    const bus = outputBus(ctx);
    hooks.context = ctx;
    hooks.bus = { peak: () => bus.peak(), resetPeak: () => bus.resetPeak(), probe: bus.probe };
    bus.setVolume(Number(volume.value));
    bus.setMuted(mute.checked);
    volume.addEventListener('input', () => bus.setVolume(Number(volume.value)));
    mute.addEventListener('change', () => bus.setMuted(mute.checked));
    bus.onMeter((peak, reduction) => {
      const db = peak > 0 ? 20 * Math.log10(peak) : -Infinity;
      meter.value = Math.max(-60, db);
      level.value =
        db < -60
          ? 'silent'
          : `${db.toFixed(0)} dBFS${reduction < -0.5 ? `, limiter −${(-reduction).toFixed(0)} dB` : ''}`;
    });
  });
}
