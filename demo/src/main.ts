/**
 * Entry of the demo page: wires the three panels and publishes the test hooks. Audio starts
 * only from the panels' buttons (a user gesture), never on load.
 */
import { bindReadouts, setupMasterControls } from './master-controls.js';
import { setupMicPanel } from './mic-panel.js';
import { errorText, showStatus } from './status.js';
import { setupSynthPanel } from './synth-panel.js';
import { installHooks } from './test-hooks.js';
import { setupTrainPanel } from './train-panel.js';

function main(): void {
  installHooks();
  if (typeof AudioWorkletNode === 'undefined') {
    showStatus(
      'global-status',
      'This browser has no AudioWorklet: the filters cannot run here (the plots still work).',
      'error',
    );
  }
  for (const setup of [setupMasterControls, setupMicPanel, setupTrainPanel, setupSynthPanel, bindReadouts]) {
    try {
      setup();
    } catch (e) {
      showStatus('global-status', `A panel failed to initialise: ${errorText(e)}`, 'error');
    }
  }
}

main();
