/**
 * Plain static file server for the dist/ loading test: serves the repo root byte for byte
 * (no bundler, no transforms), so dist/host/index.js is loaded exactly as a CDN would serve it.
 * Usage: tsx tests/browser/static-server.ts <port>
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.argv[2] ?? 5179);
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wav': 'audio/wav',
};

createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = join(root, path);
  let ok = file.startsWith(root);
  try {
    ok = ok && statSync(file).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1');
