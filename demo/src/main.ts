/**
 * Entry of the demo page: wires the master strip, the three panels, drag-and-drop and the
 * slider read-outs, and publishes the test hooks. Audio starts only from the panels' buttons
 * (a user gesture), never on load.
 */
import { setupDropZone } from './drop-zone.js';
import { bindReadouts, setupMasterControls } from './master-controls.js';
import { setupMicPanel } from './mic-panel.js';
import { errorText, showStatus } from './status.js';
import { setupSynthPanel } from './synth-panel.js';
import { installHooks } from './test-hooks.js';
import { setupTrainPanel } from './train-panel.js';

function guarded(name: string, setup: () => void): void {
  try {
    setup();
  } catch (e) {
    showStatus('global-status', `The ${name} failed to initialise: ${errorText(e)}`, 'error');
  }
}

function main(): void {
  installHooks();
  if (typeof AudioWorkletNode === 'undefined') {
    showStatus(
      'global-status',
      'This browser has no AudioWorklet: the filters cannot run here (the plots still work).',
      'error',
    );
  }
  guarded('master strip', setupMasterControls);
  guarded('microphone panel', setupMicPanel);
  guarded('training panel', () => setupDropZone(setupTrainPanel().dropFile));
  guarded('talking synth', setupSynthPanel);
  bindReadouts();
}

main();
