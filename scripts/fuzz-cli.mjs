/**
 * The command-line fuzz (`npm run fuzz -- --mode import|render|fix|cli`): `import` (txt, md,
 * html, docx; single files and small batches), `render` and `--fix` / `--fix-dry-run` run on
 * generated hostile input through main() of dist/cli.js, in this process. Every input must
 * finish within --slow ms (default 10,000) with exit 0, 1 or 2, no stack trace and no internal
 * error, one line on stderr when a single input fails (import notes are ordinary stderr output);
 * rendered Markdown and HTML must carry no markup from values. A watchdog thread samples the
 * process's memory every 50 ms (the limit is 500 MB) and ends the run if an input hangs.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import YAML from 'yaml';
import { main } from '../dist/cli.js';
import { readDocxParts } from '../dist/import/docx.js';
import { renderReport } from '../dist/render/index.js';
import { arbitraryDocx, arbitraryFix, arbitraryImportText, arbitraryRender } from '../test/fuzz/cli-arbitraries.mjs';

const ROOT = new URL('../', import.meta.url);
const MEMORY_LIMIT_MB = 500;

/** The seeds: published reports as txt, md and html, the parts of a real .docx, the example reports. */
async function loadSeeds() {
  const examples = readdirSync(new URL('fixtures/examples/', ROOT)).map((name) => ({ name, text: readFileSync(new URL(`fixtures/examples/${name}`, ROOT), 'utf8') }));
  const reports = examples.map((e) => (e.name.endsWith('.json') ? JSON.parse(e.text) : YAML.parse(e.text)));
  const text = [
    { type: 'txt', text: readFileSync(new URL('fixtures/import/seed/000_6ffe456dcd5c94ce.txt', ROOT), 'utf8') },
    { type: 'txt', text: readFileSync(new URL('fixtures/import/pdf-copy-2021.txt', ROOT), 'utf8') },
    { type: 'html', text: readFileSync(new URL('fixtures/import/word-2021.html', ROOT), 'utf8') },
    ...reports.flatMap((r) => [
      { type: 'md', text: renderReport(r, 'md') },
      { type: 'html', text: renderReport(r, 'html') },
      { type: 'txt', text: renderReport(r, 'txt') },
    ]),
  ];
  const docxParts = Object.fromEntries([...(await readDocxParts(readFileSync(new URL('fixtures/import/word-2021.docx', ROOT))))].map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
  return { examples, reports, text, docxParts };
}

/** One run of the command line on an input's files; the checks that hold for every command. */
async function runCli(argv, cwd, stdin) {
  let stdout = '';
  let stderr = '';
  const sink = (append) => ({ write: (s) => (append(String(s)), true) });
  const code = await main({
    argv,
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    stdin: Readable.from([stdin ?? Buffer.alloc(0)]),
    env: { LANG: 'zh_CN.UTF-8', NO_COLOR: '1' },
    cwd,
  });
  return { code, stdout, stderr };
}

function commonProblems(r, { singleFailure }) {
  const problems = [];
  if (![0, 1, 2].includes(r.code)) problems.push(`exit ${r.code}`);
  const all = r.stdout + r.stderr;
  if (/\n\s+at \S+ \(|Maximum call stack|内部错误|internal error|heap out of memory/i.test(all)) problems.push(`stack trace or internal error: ${all.slice(0, 600)}`);
  if (singleFailure && r.code === 2 && r.stderr.trimEnd().split('\n').length !== 1) problems.push(`exit 2 with ${r.stderr.trimEnd().split('\n').length} lines on stderr: ${r.stderr.slice(0, 600)}`);
  return problems;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HTML_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'table', 'tbody', 'tr', 'th', 'td']);

/** What a rendered document may hold: no controls; Markdown with no `<` at all; HTML with only its own tags. */
function renderProblems(text, to) {
  const problems = [];
  if (CONTROL.test(text)) problems.push(`control or bidi character in the ${to} output`);
  if (to === 'md' && text.includes('<')) problems.push(`"<" in the Markdown: ${text.slice(Math.max(0, text.indexOf('<') - 40), text.indexOf('<') + 40)}`);
  if (to === 'html') {
    for (const m of text.matchAll(/<\/?([a-zA-Z0-9!]+)/g)) if (!HTML_TAGS.has(m[1].toLowerCase())) problems.push(`tag <${m[1]}> in the HTML`);
  }
  return problems.slice(0, 3);
}

const EXT = { txt: 'txt', md: 'md', html: 'html', docx: 'docx' };

export async function fuzzCli({ mode, seed, runs, slowMs, record }) {
  const seeds = await loadSeeds();
  const work = mkdtempSync(join(tmpdir(), 'report-lint-fuzz-'));
  const modes = mode === 'cli' ? ['import-text', 'import-docx', 'render', 'fix'] : mode === 'import' ? ['import-text', 'import-docx'] : [mode];
  const arbitraries = {
    'import-text': arbitraryImportText(seeds.text).map((input) => ({ command: 'import', ...input })),
    'import-docx': arbitraryDocx(seeds.docxParts).map((input) => ({ command: 'import', ...input })),
    render: arbitraryRender(seeds.examples, seeds.reports).map((input) => ({ command: 'render', ...input })),
    fix: arbitraryFix(seeds.examples).map((input) => ({ command: 'fix', ...input })),
  };
  for (const m of modes) if (!arbitraries[m]) throw new Error(`unknown fuzz mode ${m} (import, render, fix, cli)`);
  // import runs now and then as a batch of two inputs, so that error rows are exercised too.
  const input = fc.tuple(fc.oneof(...modes.map((m) => arbitraries[m])), fc.integer({ min: 0, max: 9 }), fc.oneof(...modes.filter((m) => m.startsWith('import')).map((m) => arbitraries[m]).concat(fc.constant(undefined))));

  // The watchdog: state[0] input number, state[1] its start (ms since the epoch, / 1000), state[2] peak RSS MB during it.
  const shared = new SharedArrayBuffer(16);
  const state = new Int32Array(shared);
  const hangMs = Math.max(slowMs * 3, 30_000);
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     const state = new Int32Array(workerData.shared);
     setInterval(() => {
       const rss = Math.round(process.memoryUsage.rss() / 1048576);
       if (rss > Atomics.load(state, 2)) Atomics.store(state, 2, rss);
       const started = Atomics.load(state, 1);
       if (started > 0 && Date.now() / 1000 - started > workerData.hangMs / 1000) {
         require('node:fs').writeSync(2, 'report-lint fuzz: input ' + Atomics.load(state, 0) + ' still running after ' + workerData.hangMs + ' ms: a hang (saved in ' + workerData.work + '/current)\\n');
         process.kill(process.pid, 'SIGKILL');
       }
     }, 50).unref();`,
    { eval: true, workerData: { shared, hangMs, work } },
  );
  watchdog.unref();

  // A library's process warning goes to the real stderr, past io.stderr: a line the user sees too.
  const warnings = [];
  process.on('warning', (warning) => warnings.push(String(warning.message)));
  const byKind = {};
  let slowest = { ms: 0, kind: '' };
  let peakMb = 0;
  let index = 0;
  const started = performance.now();
  const property = fc.asyncProperty(input, async ([one, shape, second]) => {
    index++;
    const dir = join(work, 'current');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const batch = one.command === 'import' && second !== undefined && shape < 2;
    let argv;
    let stdin;
    if (one.command === 'import') {
      mkdirSync(join(dir, 'in'));
      writeFileSync(join(dir, 'in', `a.${EXT[one.type]}`), one.bytes);
      if (batch) {
        writeFileSync(join(dir, 'in', `b.${EXT[second.type]}`), second.bytes);
        argv = ['import', 'in', '--out-dir', 'out', ...(shape === 0 ? ['--lint'] : [])];
      } else if (shape === 9) {
        argv = ['import', '-', '--input-type', one.type];
        stdin = one.bytes;
      } else argv = ['import', join('in', `a.${EXT[one.type]}`), ...(shape < 5 ? ['-o', 'out/a.yaml'] : []), ...(shape === 3 ? ['--lint'] : [])];
    } else if (one.command === 'render') {
      writeFileSync(join(dir, one.file), one.bytes);
      argv = ['render', one.file, '--to', one.to, ...(one.toFile ? ['-o', `out/r.${one.to}`] : [])];
    } else {
      writeFileSync(join(dir, one.file), one.bytes);
      argv = [one.flag, one.file];
    }
    Atomics.store(state, 0, index);
    Atomics.store(state, 2, 0);
    Atomics.store(state, 1, Math.floor(Date.now() / 1000));
    const t0 = performance.now();
    let r;
    const cwd = process.cwd();
    try {
      // main() reads and writes relative to the process's folder, as the bin does.
      process.chdir(dir);
      r = await runCli(argv, dir, stdin);
    } catch (error) {
      throw new Error(`report-lint ${argv.join(' ')} threw: ${error?.stack ?? error}`);
    } finally {
      process.chdir(cwd);
      Atomics.store(state, 1, 0);
    }
    const ms = performance.now() - t0;
    const mb = Math.max(Atomics.load(state, 2), Math.round(process.memoryUsage.rss() / 1048576));
    peakMb = Math.max(peakMb, mb);
    const kind = batch ? `${one.kind}+batch` : one.kind;
    byKind[one.command] = (byKind[one.command] ?? 0) + 1;
    if (ms > slowest.ms) slowest = { ms, kind };
    const problems = commonProblems(r, { singleFailure: !batch });
    if (one.command === 'render' && r.code === 0) problems.push(...renderProblems(one.toFile ? readFileSync(join(dir, 'out', `r.${one.to}`), 'utf8') : r.stdout, one.to));
    if (warnings.length > 0) problems.push(`process warning on stderr: ${warnings.splice(0).join(' | ').slice(0, 300)}`);
    if (ms > slowMs) problems.push(`took ${Math.round(ms)} ms (limit ${slowMs})`);
    if (mb > MEMORY_LIMIT_MB) problems.push(`peak memory ${mb} MB (limit ${MEMORY_LIMIT_MB})`);
    if (problems.length > 0) throw new Error(`report-lint ${argv.join(' ')} (${kind}, files kept in ${dir}):\n${problems.slice(0, 5).join('\n')}`);
  });

  const details = await fc.check(property, { numRuns: runs, seed, endOnFailure: true });
  await watchdog.terminate();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = !details.failed;
  if (ok) rmSync(work, { recursive: true, force: true });
  const counts = Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ');
  const summary = [
    `report-lint fuzz (${mode}): seed ${seed}, ${details.numRuns} inputs (${counts}) in ${seconds} s`,
    `slowest input: ${Math.round(slowest.ms)} ms (${slowest.kind}); peak memory of the process: ${peakMb} MB`,
    ok ? 'result: no findings' : `result: FINDING after ${details.numRuns} inputs\n${String(details.errorInstance?.message ?? details.error).slice(0, 4000)}`,
  ];
  console.log(summary.join('\n'));
  if (record) writeRecord({ mode, seed, runs, details, counts, seconds, ok, summary, slowest, peakMb, slowMs });
  return ok;
}

/** The run's section of fixtures/hostile/FUZZ.md; the lint fuzz's section is left as it is. */
function writeRecord({ mode, seed, runs, details, counts, seconds, ok, summary, slowest, peakMb, slowMs }) {
  const file = new URL('fixtures/hostile/FUZZ.md', ROOT);
  const start = '<!-- fuzz:cli -->';
  const end = '<!-- /fuzz:cli -->';
  const section =
    `${start}\n## Last command-line fuzz run (import, render, --fix)\n\nWritten by \`npm run fuzz -- --mode ${mode}\` (scripts/fuzz-cli.mjs) after every run of 10,000 inputs or more.\n` +
    `Reproduce with \`npm run fuzz -- --mode ${mode} --seed ${seed} --runs ${runs}\`.\n\n` +
    `| | |\n|---|---|\n| date | ${new Date().toISOString()} |\n| seed | ${seed} |\n| inputs | ${details.numRuns} (${counts}) |\n| duration | ${seconds} s |\n| slowest input | ${Math.round(slowest.ms)} ms (${slowest.kind}) |\n| peak memory (whole process) | ${peakMb} MB |\n| node | ${process.version} |\n| result | ${ok ? 'no findings' : 'FINDING (see below)'} |\n\n` +
    `Each input is one command line on generated files: \`import\` of mutated published reports (txt, md, html; UTF-8, GB18030, UTF-16, Latin-1), of mutated or hostile .docx files (lying sizes, stored and duplicated entries, flipped and cut bytes, zip bombs, 1,000+ entries, deep and wide XML, DOCTYPE), single, from standard input, with -o, --lint, and in batches of two with --out-dir; \`render\` (md, html, txt; stdout and -o) of mutated reports and of reports with markup in their values; \`--fix\` and \`--fix-dry-run\` of mutated reports. ` +
    `Checked on every input: finished within ${slowMs} ms; the process stayed under 500 MB (sampled every 50 ms); exit 0, 1 or 2; no stack trace, no internal error, no process warning; a single input that fails says so in one line on stderr; rendered Markdown holds no \`<\`, rendered HTML only its own tags, and neither any control or bidi character.\n` +
    (ok ? '' : `\n\`\`\`\n${summary[2]}\n\`\`\`\n`) +
    `${end}\n`;
  let text = readFileSync(file, 'utf8');
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + section + text.slice(j + end.length + 1) : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text);
}
