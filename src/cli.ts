import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerImport, registerRender } from './commands/import-render.js';
import { registerInit } from './commands/init.js';
import { registerLint } from './commands/lint.js';
import { registerRules } from './commands/rules.js';
import { ConfigError, UsageError } from './errors.js';

export interface MainIO {
  argv: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** What a command's action hands back to main(): the exit code. */
export interface CommandState {
  code: number;
  debug: boolean;
}

/**
 * Run the command line; returns the exit code (0 clean, 1 errors, 2 could not lint).
 * Subcommands register their options here but load their code only when they run.
 */
export async function main(io: MainIO): Promise<number> {
  const state: CommandState = { code: 0, debug: io.argv.includes('--debug') };
  try {
    const program = new Command('report-lint')
      .description('检查政府信息公开工作年度报告（YAML/JSON）的格式与勾稽关系 · Lint China government information disclosure annual reports')
      .version(readVersion(), '-v, --version', '显示版本号')
      .helpOption('-h, --help', '显示帮助')
      .helpCommand(false)
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    registerLint(program, io, state);
    registerInit(program, io, state);
    registerImport(program, io, state);
    registerRender(program, io, state);
    registerRules(program, io, state);
    await program.parseAsync(io.argv, { from: 'user' });
    return state.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; commander has already printed every other usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr.write(`report-lint: ${error.message}\n`);
      return 2;
    }
    const e = error as Error;
    io.stderr.write(state.debug ? `${e.stack ?? e}\n` : `report-lint: 内部错误：${e.message ?? e}（加 --debug 查看详情）\n`);
    return 2;
  }
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
