/**
 * Preloaded (`node --import`) into a process whose peak memory bench/cli-memory.ts measures: at
 * exit it writes `{ maxRssMB }` (process.resourceUsage().maxRSS, the peak resident set over the
 * whole run) to the file named by DIFFIIR_MAXRSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.DIFFIIR_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  });
}
