/** Run the command line in-process (src/cli/main.ts main) with captured output, as the bin would. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const QUIET_ENV = { NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

export async function runMain(argv: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => ({ write: (s: string | Uint8Array) => (append(String(s)), true) }) as unknown as NodeJS.WritableStream;
  const code = await main({
    argv,
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stdin: Readable.from([Buffer.from(options.input ?? '')]),
    env: { ...QUIET_ENV, ...options.env },
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}

const BIN = resolve('bin/report-lint.js');

/** The real bin (needs a fresh `tsc` build; `npm test` builds first). */
export function runBin(argv: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    encoding: 'utf8',
    input: options.input ?? '',
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, ...QUIET_ENV, ...options.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
