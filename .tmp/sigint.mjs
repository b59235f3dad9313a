import { spawn } from 'node:child_process';
import { rmSync, readdirSync, readFileSync } from 'node:fs';
const [mode] = process.argv.slice(2);
const out = `/tmp/cs/sig-${mode}`;
rmSync(out, { recursive: true, force: true });
const cmd = mode === 'npx' ? ['npx', ['node', '--import', 'tsx', 'src/cli/main.ts']] : ['node', ['--import', 'tsx', 'src/cli/main.ts']];
const t0 = Date.now();
const p = spawn(cmd[0], [...cmd[1], 'train', '--target', '/tmp/cs/noise.wav', '--steps', '2000', '--loss', 'mse', '--out', out], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let err = '';
let sent = false;
p.stderr.on('data', (d) => {
  err += d;
  if (!sent && /step \d+/.test(err)) { sent = true; console.log('sending at', Date.now() - t0); process.kill(-p.pid, 'SIGINT'); }
});
p.on('exit', (code, sig) => {
  console.log({ code, sig, ms: Date.now() - t0 });
  setTimeout(() => { try { console.log(readdirSync(out), readFileSync(`${out}/loss.csv`, 'utf8').split('\n').length); } catch (e) { console.log(String(e)); } console.log(err.slice(-400)); }, 8000);
});
