/**
 * Output safety of the demo page: whatever the controls do, nothing above full scale reaches the
 * speakers (the output bus's probe sees every sample; an init script proves that nothing
 * bypasses the bus), a faulting filter fades its voice, and stopping leaves silence.
 */
import { writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { demoUse, waitForDemo, watchDestination, writeFakeMicWav } from './demo-fixtures.js';

test.use(demoUse(writeFakeMicWav()));

const busPeak = (page: Page) => page.evaluate(() => window.__diffiirDemo!.bus!.peak());
const busRms = (page: Page) =>
  page.evaluate(() => {
    const a = window.__diffiirDemo!.bus!.probe;
    const x = new Float32Array(4096);
    a.getFloatTimeDomainData(x);
    return Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
  });

test('no control sequence puts a sample above 1.0 at the destination; faults fade; Stop is silence', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(watchDestination);
  await page.goto('/');
  await waitForDemo(page);
  await page.locator('#master-volume').fill('1');

  // Mic panel: direct form, order 24, one press on a2 (the 2.8e5 peak): the node refuses
  // the unstable vector, the page says why and the pole plot shows it.
  await page.selectOption('#mic-source', 'example-noise');
  await page.selectOption('#mic-domain', 'direct');
  await page.selectOption('#mic-order', '24');
  await page.locator('#mic-gain').fill('1');
  await page.click('#mic-start');
  await expect(page.locator('#mic-status')).toContainText('Running');
  await page.locator('#coef-a2').focus();
  await page.keyboard.press('End');
  await expect(page.locator('#mic-status')).toContainText('not minimum phase', { timeout: 5000 });
  // Back to a safe preset: sound resumes.
  await page.selectOption('#mic-domain', 'reflection');
  await page.selectOption('#mic-preset', 'vowel a');
  await page.locator('#mic-gain').fill('0.31');
  await page.locator('#mic-gain').fill('1');
  await page.check('#lfo-on');
  await page.locator('#lfo-depth').fill('0.9');
  await expect.poll(() => busRms(page), { timeout: 5000 }).toBeGreaterThan(1e-3);

  // Train panel: a time-varying run at order 16 with listening on.
  await page.selectOption('#train-target', 'example-speech');
  await page.selectOption('#train-source', 'example');
  await page.selectOption('#train-model', 'tv-allpole');
  await page.selectOption('#train-order', '16');
  await page.fill('#train-steps', '15');
  await page.check('#train-listen');
  await page.click('#train-run');
  await expect
    .poll(() => page.evaluate(() => window.__diffiirDemo!.train.phase), { timeout: 90_000 })
    .toMatch(/done|failed/);

  // A stable but extremely resonant file (pole radius 0.99995, +80 dB at DC): the node exceeds
  // its output limit, faults, and the panel's voice fades out.
  const resonant = testInfo.outputPath('resonant.json');
  writeFileSync(resonant, JSON.stringify([[-1.9998, 0.9999]]));
  await page.setInputFiles('#train-import', resonant);
  await expect(page.locator('#train-status')).toContainText('Imported');
  await page.click('#train-play-import');
  await expect(page.locator('#train-status')).toContainText('Playback filter fault', { timeout: 5000 });
  // An unstable direct-form file (poles at radius 1.14) is refused, never played.
  const unstable = testInfo.outputPath('unstable.json');
  writeFileSync(unstable, JSON.stringify([[-2.2, 1.3]]));
  await page.setInputFiles('#train-import', unstable);
  await expect(page.locator('#train-status')).toContainText('Imported');
  await page.click('#train-play-import');
  await expect(page.locator('#train-status')).toContainText('not minimum phase');
  await page.waitForTimeout(300);

  // Talking synth at its highest pitch, on the example voice.
  await page.selectOption('#synth-source', 'example-speech');
  await page.locator('#synth-pitch').fill('400');
  await page.click('#synth-start');
  await expect(page.locator('#synth-status')).toContainText('Running');
  await page.waitForTimeout(1500);

  const peak = await busPeak(page);
  const bypass = await page.evaluate(() => (window as unknown as { __bypass: string[] }).__bypass);
  console.log(`safety: bus peak ${peak.toFixed(3)}, connections bypassing the bus: ${bypass.length}`);
  expect(bypass).toEqual([]);
  expect(peak).toBeGreaterThan(0.01);
  expect(peak).toBeLessThanOrEqual(1.0);

  // Stop everything (and double-toggle listening): silence follows, nothing is orphaned.
  await page.click('#mic-stop');
  await page.click('#synth-stop');
  if (await page.locator('#train-stop-playback').isEnabled()) await page.click('#train-stop-playback');
  await page.check('#train-listen');
  await page.uncheck('#train-listen');
  await page.check('#train-listen');
  await page.uncheck('#train-listen');
  await page.waitForTimeout(1500);
  expect(await busRms(page)).toBeLessThan(1e-4);
  expect(errors).toEqual([]);
});
