/**
 * The real bin in a child process, with its wall time and its peak memory (maxRSS, reported by
 * the child itself through rss-preload.cjs, so no /usr/bin/time is needed). A child that runs
 * past `timeoutMs` is killed: the result says so instead of the test hanging.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory in MB; undefined when the child was killed before it could say. */
  rssMb: number | undefined;
  timedOut: boolean;
}

const BIN = resolve('bin/report-lint.js');
const PRELOAD = resolve('test/helpers/rss-preload.cjs');
const QUIET_ENV = { NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

export function runMeasured(argv: string[], options: { cwd?: string; timeoutMs?: number; input?: string | Buffer; shell?: string } = {}): MeasuredRun {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-rss-'));
  const rssFile = join(dir, 'rss');
  const started = Date.now();
  const env = { ...process.env, ...QUIET_ENV, RSS_OUT: rssFile };
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // `shell`: commands run first in a child shell (e.g. `ulimit -f 8`), then the bin.
  const r = options.shell
    ? spawnSync('bash', ['-c', `${options.shell}; exec ${quote(process.execPath)} -r ${quote(PRELOAD)} ${quote(BIN)} ${argv.map(quote).join(' ')}`], {
        encoding: 'utf8',
        cwd: options.cwd ?? process.cwd(),
        env,
        input: options.input ?? '',
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(process.execPath, ['-r', PRELOAD, BIN, ...argv], {
        encoding: 'utf8',
        cwd: options.cwd ?? process.cwd(),
        env,
        input: options.input ?? '',
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
  const ms = Date.now() - started;
  let rssMb: number | undefined;
  try {
    rssMb = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
  } catch {
    rssMb = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, rssMb, timedOut };
}

/** What every failure must look like: one line, no stack trace, no internal error. */
export function isOneCleanLine(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n');
  return lines.length === 1 && lines[0] !== '' && !/\n\s+at |内部错误|internal error/i.test(stderr);
}
