#!/usr/bin/env node
// npm run bench: report-lint against `node -e 0` and ajv-cli@5 on the same generated files, as
// users get it (the package: `npm pack`, installed into a temporary project, its bin run) and
// from this clone, side by side. Not a test: it times real processes. Writes bench/RESULTS.md.
// Options (env):
//   BENCH_SIZES=1000,10000  BENCH_RUNS=5 (batches)  BENCH_COLD_RUNS=15  BENCH_JOBS_FILES=200
//   BENCH_KEEP=1 (keep the temp folder)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const JOBS_FILES = Number(process.env.BENCH_JOBS_FILES ?? 200);
const INVALID_SHARE = 0.1;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const devNull = openSync('/dev/null', 'w');
const LOAD_AT_START = loadavg();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Run a command with output to /dev/null; wall time in s and peak RSS in MB. */
function measure(argv) {
  if (TIME) {
    const start = process.hrtime.bigint();
    const r = spawnSync(TIME, ['-f', '%M', ...argv], { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 1 << 26 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const lines = r.stderr.toString().trim().split('\n');
    checkExit(argv, r.status, lines);
    return { seconds, rssMB: Number(lines[lines.length - 1]) / 1024 };
  }
  return measureByPolling(argv);
}

/** Without /usr/bin/time: poll /proc/<pid>/status for the peak (VmHWM) while the process runs. */
function measureByPolling(argv) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', devNull, 'ignore'] });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {}
    }, 5);
    child.on('exit', (code) => {
      clearInterval(poll);
      checkExit(argv, code, []);
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, rssMB: peak / 1024 });
    });
  });
}

function checkExit(argv, status, stderrLines) {
  // 0 clean, 1 problems found: both are normal results here; anything else means the run broke.
  if (status !== 0 && status !== 1) {
    throw new Error(`${argv.join(' ')} exited ${status}\n${stderrLines.slice(-5).join('\n')}`);
  }
}

/** Each command `runs` times, taking turns (A B C A B C …); medians per command. */
async function repeatInterleaved(commands, runs) {
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, argv] of commands.entries()) results[k].push(await measure(argv));
  }
  return results.map((r) => ({ seconds: median(r.map((x) => x.seconds)), rssMB: median(r.map((x) => x.rssMB)), all: r.map((x) => x.seconds) }));
}

const schemaRefs = readdirSync(join(ROOT, 'schemas'))
  .filter((f) => f.endsWith('.schema.json') && f !== 'report.schema.json')
  .flatMap((f) => ['-r', `schemas/${f}`]);
/** ajv-cli with the project's schemas and the options report-lint's validators are built with. */
const ajv = (data) => [
  process.execPath, 'node_modules/ajv-cli/dist/index.js', 'validate',
  '-s', 'schemas/report.schema.json', ...schemaRefs, '-d', data,
  '-c', 'ajv-formats', '--all-errors', '--multiple-of-precision=6', '--errors=line',
];
/** report-lint from this clone (its build). */
const reportLint = (...args) => [process.execPath, 'bin/report-lint.js', ...args];
/** The installed package's bin, run as a user's shell runs it (node_modules/.bin/report-lint); set by main(). */
let installedBin = '';
const installed = (...args) => [installedBin, ...args];

/**
 * The package as users get it: `npm pack` of this clone (prepack finds the build up to date),
 * installed into an empty project in `dir` from npm's cache. Its bin's path.
 */
function installPackage(dir) {
  const run = (args, cwd) => {
    const r = spawnSync('npm', args, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout.trim();
  };
  const tarball = join(dir, run(['pack', '--pack-destination', dir, '--loglevel=error'], ROOT));
  const project = join(dir, 'installed-project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "bench-project", "version": "1.0.0", "private": true }\n');
  run(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], project);
  return join(project, 'node_modules/.bin/report-lint');
}
/** Read (and JSON.parse) every file, nothing else: bench/floor.mjs. */
const floor = (folder) => [process.execPath, 'bench/floor.mjs', folder];

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return [
    `- CPU: ${cpu}, ${cpus().length} logical cores (nproc ${spawnSync('nproc').stdout?.toString().trim() || '?'})`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    `- Node ${process.version}, ${process.platform} ${process.arch}`,
    `- Load average (1/5/15 min) when the run started: ${LOAD_AT_START.map((x) => x.toFixed(2)).join(' / ')}; when it ended: ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
    `- report-lint ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}, ajv-cli ${JSON.parse(readFileSync(join(ROOT, 'node_modules/ajv-cli/package.json'), 'utf8')).version}`,
  ].join('\n');
}

const fmt = (x, d = 2) => x.toFixed(d);

/** 'bundle' when `bin file` starts from the code-cached fast-start bundle, else the loader's trace. */
function startedFrom(bin, file) {
  const r = spawnSync(bin, [file], { encoding: 'utf8', env: { ...process.env, REPORT_LINT_DEBUG_BUNDLE: '1' } });
  return /^report-lint \[bundle\] fast-start: bundle [0-9a-f]{32}, code cache accepted$/m.test(r.stderr) ? 'bundle' : r.stderr.trim() || `exit ${r.status}`;
}
const log = (s) => process.stderr.write(s + '\n');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-bench-'));
  log(`bench: generating reports in ${dir}`);
  const sets = {};
  for (const format of ['yaml', 'json']) {
    for (const size of SIZES) {
      const folder = join(dir, `${format}-${size}`);
      const invalid = generate(folder, size, { format, seed: 2026, invalidShare: INVALID_SHARE });
      sets[`${format}-${size}`] = { folder, invalid, size, format };
    }
  }
  const one = join(dir, `yaml-${SIZES[0]}`, '00000.yaml');
  const jobsFolder = join(dir, `yaml-jobs-${JOBS_FILES}`);
  generate(jobsFolder, JOBS_FILES, { format: 'yaml', seed: 2027, invalidShare: INVALID_SHARE });

  log('bench: npm pack, and install the tarball into an empty project');
  installedBin = installPackage(dir);
  const started = startedFrom(installedBin, one);
  if (started !== 'bundle') throw new Error(`the installed package did not start from its code-cached bundle: ${started}`);

  log('bench: cold start (one valid YAML file)');
  const cold = { floor: [], lint: [], installed: [], ajv: [] };
  for (let i = 0; i < COLD_RUNS; i++) {
    // Interleaved so that machine noise hits the four alike.
    cold.floor.push((await measure([process.execPath, '-e', '0'])).seconds);
    cold.installed.push((await measure(installed(one))).seconds);
    cold.lint.push((await measure(reportLint(one))).seconds);
    cold.ajv.push((await measure(ajv(one))).seconds);
  }
  const c = { floor: median(cold.floor), lint: median(cold.lint), installed: median(cold.installed), ajv: median(cold.ajv) };

  log(`bench: ${JOBS_FILES} YAML files, default (worker threads from 200 files) against --jobs 1, ${COLD_RUNS} runs each`);
  const [jobsInstalled, oneInstalled, twoInstalled, jobsClone, oneClone, twoClone] = await repeatInterleaved(
    [installed(jobsFolder), installed('--jobs', '1', jobsFolder), installed('--jobs', '2', jobsFolder), reportLint(jobsFolder), reportLint('--jobs', '1', jobsFolder), reportLint('--jobs', '2', jobsFolder)],
    COLD_RUNS,
  );
  const jobs = { installed: { threads: jobsInstalled, one: oneInstalled, two: twoInstalled }, clone: { threads: jobsClone, one: oneClone, two: twoClone } };

  const batches = [];
  for (const format of ['yaml', 'json']) {
    for (const size of SIZES) {
      const set = sets[`${format}-${size}`];
      log(`bench: ${size} ${format} files (${set.invalid} with mistakes), ${RUNS} runs each`);
      // Interleaved, as the cold starts: the machine's speed drifts from minute to minute, and the
      // ratio must compare runs made at the same time.
      const [inst, lint, ajvRun, floorRun] = await repeatInterleaved([installed(set.folder), reportLint(set.folder), ajv(`${set.folder}/*.${format}`), floor(set.folder)], RUNS);
      batches.push({ format, size, invalid: set.invalid, installed: inst, lint, ajv: ajvRun, floor: floorRun });
    }
  }

  const out = [];
  const ran = new Date();
  out.push('# report-lint benchmark', '');
  out.push(`Generated by \`npm run bench\` (bench/run.mjs) on ${ran.toISOString().slice(0, 16).replace('T', ' ')} UTC.`, '');
  out.push('## Machine', '', machine(), '');
  out.push('## Method', '');
  out.push(
    `Reports are generated with a seeded RNG (bench/generate.mjs): both templates, about 5 KB each (YAML ~5 KB, JSON ~7 KB), ` +
      `${INVALID_SHARE * 100}% with one mistake (arithmetic or schema; no YAML syntax errors, because ajv-cli aborts the whole batch at the first one). ` +
      'report-lint is timed twice: **installed**, as users get it (`npm pack` of this clone, the tarball installed into an empty project with `npm install`, its `node_modules/.bin/report-lint` run directly), ' +
      'and from the **clone** (`node bin/report-lint.js`). All read the same files; output goes to /dev/null. report-lint runs every rule and locates every diagnostic (default `stylish` output); ' +
      'ajv-cli@5 runs `ajv validate` with the project\'s schemas (`-s schemas/report.schema.json -r <the others> -c ajv-formats --all-errors --multiple-of-precision=6 --errors=line`, data as a glob). ' +
      `Times are wall-clock medians of interleaved runs (the commands take turns, so that the machine's drift hits them alike): cold start and the ${JOBS_FILES}-file runs ${COLD_RUNS} runs each, batches ${RUNS} runs each. Peak memory is the maximum RSS (${TIME ? '`/usr/bin/time -f %M`' : '/proc VmHWM polling'}), median of the runs.`,
    '',
  );
  out.push('## Cold start, one file', '');
  out.push('| command | median s | × node floor |', '|---|---:|---:|');
  out.push(`| \`node -e 0\` (floor) | ${fmt(c.floor, 3)} | 1.00 |`);
  out.push(`| \`report-lint file.yaml\`, installed package | ${fmt(c.installed, 3)} | ${fmt(c.installed / c.floor)} |`);
  out.push(`| \`report-lint file.yaml\`, clone | ${fmt(c.lint, 3)} | ${fmt(c.lint / c.floor)} |`);
  out.push(`| \`ajv validate\` (ajv-cli) | ${fmt(c.ajv, 3)} | ${fmt(c.ajv / c.floor)} |`, '');
  out.push(`## ${JOBS_FILES} files: worker threads against one thread`, '');
  out.push(
    `From ${JOBS_FILES} files a default run may use worker threads (one per core): it lints the first batch itself and starts workers only when the rest would take one thread longer than starting them (src/parallel/run.ts), so such a run must not be slower than \`--jobs 1\` (the main thread only). \`--jobs 2\` starts two workers at once, as asked: for this few files it pays their start-up.`,
    '',
  );
  out.push('| report-lint | default s | `--jobs 1` s | default / `--jobs 1` | `--jobs 2` s | `--jobs 2` / `--jobs 1` |', '|---|---:|---:|---:|---:|---:|');
  for (const [name, j] of [['installed package', jobs.installed], ['clone', jobs.clone]]) {
    out.push(`| ${name} | ${fmt(j.threads.seconds, 3)} | ${fmt(j.one.seconds, 3)} | ${fmt(j.threads.seconds / j.one.seconds)} | ${fmt(j.two.seconds, 3)} | ${fmt(j.two.seconds / j.one.seconds)} |`);
  }
  out.push('');
  out.push('## Batches', '');
  out.push('| files | format | with mistakes | installed s | installed files/s | installed / ajv-cli speed | clone s | clone files/s | clone / ajv-cli speed | peak RSS MB (installed / clone / ajv-cli) | ajv-cli s | ajv-cli files/s | read-only floor s | floor / ajv-cli speed |');
  out.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|');
  for (const b of batches) {
    out.push(
      `| ${b.size} | ${b.format} | ${b.invalid} | ${fmt(b.installed.seconds)} | ${Math.round(b.size / b.installed.seconds)} | ${fmt(b.ajv.seconds / b.installed.seconds)}× | ` +
        `${fmt(b.lint.seconds)} | ${Math.round(b.size / b.lint.seconds)} | ${fmt(b.ajv.seconds / b.lint.seconds)}× | ${fmt(b.installed.rssMB, 0)} / ${fmt(b.lint.rssMB, 0)} / ${fmt(b.ajv.rssMB, 0)} | ` +
        `${fmt(b.ajv.seconds)} | ${Math.round(b.size / b.ajv.seconds)} | ${fmt(b.floor.seconds)} | ${fmt(b.ajv.seconds / b.floor.seconds)}× |`,
    );
  }
  out.push(
    '',
    '"Read-only floor": bench/floor.mjs, one Node process that reads every file (the way report-lint reads: one shared buffer, no UTF-8 decode) ' +
      'and JSON.parses the .json ones, and does nothing else — no schema, no rules, no output. A checker in one thread cannot be faster than this; ' +
      'the last column is how far ahead of ajv-cli even that is.',
    '',
  );

  const by = (format, size) => batches.find((b) => b.format === format && b.size === size);
  const targets = [];
  const verdict = (ok) => (ok ? 'met' : '**MISSED**');
  const small = Math.min(...SIZES);
  const large = Math.max(...SIZES);
  for (const [name, key, j] of [['installed package', 'installed', jobs.installed], ['clone', 'lint', jobs.clone]]) {
    targets.push(`| ${name}: one file cold ≤ 1.5× \`node -e 0\` | ${fmt(c[key] / c.floor)}× | ${verdict(c[key] / c.floor <= 1.5)} |`);
    for (const [format, want] of [['yaml', 2], ['json', 3]]) {
      const b = by(format, large);
      if (b) targets.push(`| ${name}: ${large} ${format.toUpperCase()} files ≥ ${want}× ajv-cli files/s | ${fmt(b.ajv.seconds / b[key].seconds)}× | ${verdict(b.ajv.seconds / b[key].seconds >= want)} |`);
    }
    // Two medians of the same code path differ by noise: 'not slower' allows 3%.
    targets.push(`| ${name}: ${JOBS_FILES} files, a default (threaded) run not slower than \`--jobs 1\` (3% for noise) | ${fmt(j.threads.seconds / j.one.seconds)}× | ${verdict(j.threads.seconds <= j.one.seconds * 1.03)} |`);
    if (small !== large) {
      for (const format of ['yaml', 'json']) {
        const sm = by(format, small);
        const l = by(format, large);
        targets.push(`| ${name}: peak RSS ${large} ${format} ≤ ${small} + 50 MB | ${fmt(l[key].rssMB, 0)} vs ${fmt(sm[key].rssMB, 0)} MB | ${verdict(l[key].rssMB <= sm[key].rssMB + 50)} |`);
        const ratio = l[key].seconds / sm[key].seconds;
        targets.push(`| ${name}: ${large} ${format} files ≤ ${(large / small) * 1.1}× the time of ${small} | ${fmt(ratio)}× | ${verdict(ratio <= (large / small) * 1.1)} |`);
      }
    }
  }
  out.push('## Targets (README, Performance)', '', '| target | measured | |', '|---|---:|---|', ...targets, '');
  out.push('Raw times (s): cold start installed / clone (floor):', '');
  out.push(`- one file: ${cold.installed.map((x) => fmt(x, 3)).join(', ')} / ${cold.lint.map((x) => fmt(x, 3)).join(', ')} (floor ${cold.floor.map((x) => fmt(x, 3)).join(', ')})`);
  for (const [name, j] of [['installed', jobs.installed], ['clone', jobs.clone]]) {
    out.push(`- ${JOBS_FILES} files, ${name}: default ${j.threads.all.map((x) => fmt(x, 3)).join(', ')} / --jobs 1 ${j.one.all.map((x) => fmt(x, 3)).join(', ')} / --jobs 2 ${j.two.all.map((x) => fmt(x, 3)).join(', ')}`);
  }
  out.push('', 'Batches, installed / clone / ajv-cli (read-only floor):', '');
  for (const b of batches) out.push(`- ${b.size} ${b.format}: ${b.installed.all.map((x) => fmt(x)).join(', ')} / ${b.lint.all.map((x) => fmt(x)).join(', ')} / ${b.ajv.all.map((x) => fmt(x)).join(', ')} (floor ${b.floor.all.map((x) => fmt(x)).join(', ')})`);
  out.push('');

  const notes = join(ROOT, 'bench/NOTES.md');
  if (existsSync(notes)) out.push(readFileSync(notes, 'utf8'));
  const text = out.join('\n');
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), text);
  process.stdout.write(text);
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else log(`bench: kept ${dir}`);
}

await main();
