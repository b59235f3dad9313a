/**
 * diffiir command-line interface: `train`, `render`, `analyze`, `example`.
 * `main(argv)` runs one command in-process and resolves to the exit code (never calls
 * process.exit, except on a second Ctrl-C), so tests can drive it directly. Errors are reported as
 * ONE line on stderr. Exit codes: 0 done, 1 bad file or failed run, 2 bad argument or output
 * place, 130 stopped by Ctrl-C (best result so far written).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { SOURCE_KINDS } from '../core/signals/sources.js';
import type { CliIo } from './api.js';
import {
  CLI_MAX_HOP,
  CLI_MAX_ORDER,
  CLI_MAX_STEPS,
  intInRange,
  positiveNumber,
  sampleRateValue,
  seedValue,
} from './args.js';
import { analyzeCommand } from './commands/analyze.js';
import { exampleCommand } from './commands/example.js';
import { renderCommand } from './commands/render.js';
import { trainCommand } from './commands/train.js';
import { CliError, oneLine } from './errors.js';

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progressStream: process.stderr,
};

const FORCE_HELP = 'replace existing results (otherwise refused)';

/** The package's version (package.json sits two folders up from both src/cli and dist/cli). */
function packageVersion(): string {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('diffiir')
    .description('Differentiable IIR filters: learn, render and analyse all-pole / pole-zero filters.')
    .version(packageVersion(), '-V, --version', 'print the version of diffiir')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`diffiir: ${oneLine(s.replace(/^error: /, ''))}\n`),
    });

  program
    .command('train')
    .description(
      'learn a filter that turns the input (or a source signal) into the target; Ctrl-C stops early and keeps the best filter so far',
    )
    .requiredOption('--target <file>', 'target WAV (mono)')
    .option('--input <file>', 'input WAV (mono, same rate and length as the target)')
    .addOption(
      new Option('--source <kind>', 'generated input when no --input is given').choices(SOURCE_KINDS),
    )
    .option('--f0 <hz>', 'fundamental of the saw/pulse source', positiveNumber, 100)
    .option('--order <n>', `number of poles (1-${CLI_MAX_ORDER})`, intInRange(1, CLI_MAX_ORDER), 8)
    .option(
      '--zeros <q>',
      'zeros: a pole-zero cascade of biquads (q must equal the order, even)',
      intInRange(0, CLI_MAX_ORDER),
      0,
    )
    .option(
      '--hop <h>',
      'samples between control frames: time-varying filter (0 = fixed)',
      intInRange(0, CLI_MAX_HOP),
      0,
    )
    .addOption(new Option('--loss <name>', 'loss function').choices(['mrstft', 'mse']).default('mrstft'))
    .addOption(
      new Option(
        '--optimizer <name>',
        'auto: Levenberg-Marquardt (mse) or L-BFGS (mrstft) for fixed filters, Adam for time-varying ones',
      )
        .choices(['auto', 'lm', 'lbfgs', 'adam'])
        .default('auto'),
    )
    .option(
      '--steps <s>',
      'optimisation steps (at most; lm and lbfgs stop once converged)',
      intInRange(1, CLI_MAX_STEPS),
      300,
    )
    .option(
      '--lr <lr>',
      'Adam learning rate (decays exponentially to 10% of it over the run; --optimizer adam)',
      positiveNumber,
      0.01,
    )
    .option(
      '--thorough',
      'pole-zero fits from an --input pair, up to order 16: a slower classical start that escapes more local minima (delta-operator start, pair restarts; about 50 s at order 16)',
    )
    .option('--seed <n>', 'seed of the noise source and of the training segments', seedValue, 0)
    .requiredOption('--out <dir>', 'output folder (checked before training; written atomically)')
    .option('--force', FORCE_HELP)
    .action(async (opts) => setCode(await trainCommand(opts, io)));

  program
    .command('render')
    .description('filter a WAV file with a coefficients file')
    .requiredOption(
      '--coeffs <file>',
      'coefficients JSON (diffiir-coefficients, or a torchlpc frames x order array)',
    )
    .requiredOption('--input <file>', 'input WAV (mono)')
    .requiredOption('--out <file>', 'output WAV (must differ from the inputs)')
    .option('--force', FORCE_HELP)
    .option(
      '--allow-unstable',
      'run a direct-form filter that is not minimum phase; the run still fails if its output leaves the bound',
    )
    .option('--limit <peak>', 'largest allowed output magnitude', positiveNumber, 1000)
    .addOption(
      new Option('--rate <hz>', 'sample rate of a torchlpc array (default: the input WAV rate)').argParser(
        sampleRateValue,
      ),
    )
    .addOption(new Option('--sample-rate <hz>', 'alias of --rate').argParser(sampleRateValue).hideHelp())
    .option(
      '--hop <h>',
      'samples between the rows of a torchlpc array (default 1: per sample)',
      intInRange(1, CLI_MAX_HOP),
    )
    .action((opts) => renderCommand({ ...opts, rate: opts.rate ?? opts.sampleRate }, io));

  program
    .command('analyze')
    .description('LPC analysis of a WAV file into a (time-varying) coefficients file')
    .requiredOption('--input <file>', 'input WAV (mono)')
    .option('--order <n>', `LPC order (1-${CLI_MAX_ORDER})`, intInRange(1, CLI_MAX_ORDER), 16)
    .option('--hop <h>', 'samples between frames', intInRange(1, CLI_MAX_HOP), 256)
    .option('--frame-length <n>', 'analysis frame length (default 4·hop)', intInRange(2, 4 * CLI_MAX_HOP))
    .requiredOption('--out <file>', 'output coefficients JSON (a reflection track)')
    .option('--force', FORCE_HELP)
    .action((opts) => analyzeCommand(opts, io));

  program
    .command('example')
    .description('generate a reproducible system-identification example and train on it')
    .requiredOption('--out <dir>', 'output folder (checked first; written atomically)')
    .option('--force', FORCE_HELP)
    .option('--steps <s>', 'optimisation steps', intInRange(1, CLI_MAX_STEPS), 2000)
    .option('--seed <n>', 'seed of the noise source', seedValue, 1)
    .action(async (opts) => setCode(await exampleCommand(opts, io)));

  return program;
}

/**
 * Runs the CLI with `argv` (the user arguments, without node and script path).
 * Resolves to the process exit code: 0 success, 1 bad file/failure, 2 bad arguments or output
 * place, 130 stopped by Ctrl-C.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  if (argv.length === 0) {
    io.err('diffiir: missing command (train, render, analyze or example); see diffiir --help\n');
    return 2;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError) {
      io.err(`diffiir: ${oneLine(e)}\n`);
      return e.exitCode;
    }
    io.err(`diffiir: internal error: ${oneLine(e)}\n`);
    if (process.env.DIFFIIR_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return 1;
  }
}

function invokedDirectly(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
