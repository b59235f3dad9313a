/**
 * src/cli: the `diffiir` command-line interface (Node only): `train`, `render`, `analyze`,
 * `example` and `--version`, over src/train and src/core. bin/diffiir.js runs `main`.
 * Layer: core ← train ← cli.
 */
export { main } from './main.js';
