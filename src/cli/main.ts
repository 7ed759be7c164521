import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerImport, registerRender } from './commands/import-render.js';
import { registerInit } from './commands/init.js';
import { registerLint } from './commands/lint.js';
import { registerLsp } from './commands/lsp.js';
import { registerRules } from './commands/rules.js';
import { registerSchema } from './commands/schema.js';
import { commanderErrorLine, langOf } from './messages.js';
import { errorLine } from '../util/sanitize.js';
import { ConfigError, UsageError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { CommandState, MainIO } from '../io.js';
import { sanitizeLines } from '../util/sanitize.js';

/**
 * Run the command line; returns the exit code (0 clean, 1 errors, 2 could not lint).
 * Subcommands register their options here but load their code only when they run.
 */
export async function main(io: MainIO): Promise<number> {
  const state: CommandState = { code: 0, debug: io.argv.includes('--debug'), lang: langOf(io.argv, io.env ?? process.env) };
  try {
    const program = new Command('report-lint')
      .description(t(state.lang, 'opt.program'))
      .version(readVersion(), '-v, --version', t(state.lang, 'opt.version'))
      .helpOption('-h, --help', t(state.lang, 'opt.help'))
      .helpCommand(false)
      .exitOverride()
      // Usage errors are written by the catch below, from the catalogue (src/cli/messages.ts).
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => {} });
    registerLint(program, io, state);
    registerInit(program, io, state);
    registerImport(program, io, state);
    registerRender(program, io, state);
    registerRules(program, io, state);
    registerSchema(program, io, state);
    registerLsp(program, io, state);
    await program.parseAsync(io.argv, { from: 'user' });
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      io.stderr.write(errorLine(commanderErrorLine(error, state.lang)));
      return 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr.write(errorLine(error.message));
      return 2;
    }
    const e = error as Error;
    // --debug keeps the stack's lines, each made safe; otherwise one line.
    io.stderr.write(state.debug ? `${sanitizeLines(String(e.stack ?? e))}\n` : errorLine(t(state.lang, 'cli.internalError', { message: e.message ?? String(e) })));
    return 2;
  }
}

/**
 * The stderr line for a standard output that cannot be written (a full disk, `> /dev/full`, an
 * I/O error), in the run's language. bin/report-lint.js calls it from the stream's error handler
 * (the error arrives after the write, often after main() has returned) and exits 2.
 */
export function stdoutFailureLine(argv: readonly string[], env: NodeJS.ProcessEnv, code: string): string {
  return errorLine(t(langOf(argv, env), 'cli.cannotWriteStdout', { code }));
}

/** The one line for a failure outside main() (bin/report-lint.js: only on a bug), in the run's language. */
export function internalErrorLine(argv: readonly string[], env: NodeJS.ProcessEnv, message: string): string {
  return errorLine(t(langOf(argv, env), 'cli.internalError', { message }));
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
