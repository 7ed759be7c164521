/**
 * report-lint as users get it: `npm pack`, the tarball installed into an empty project (and
 * globally into a temporary prefix, and run through npx), then run from another folder. The
 * package must start from its code-cached bundles (freshness by build id, not file times), be
 * complete (LICENSE, repository fields, every file its README links to), carry no `prepare`
 * script, and write a portable `$schema` from `init`.
 *
 * One pack and one install for the file (npm's cache, no network when it is warm); `npm test`
 * builds first, so prepack finds the build up to date and does not build again.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs bench generator without type declarations
import { generate } from '../bench/generate.mjs';

const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const dir = mkdtempSync(join(tmpdir(), 'report-lint-package-'));
const project = join(dir, 'project');
const elsewhere = join(dir, 'elsewhere');
let tarball = '';
let packOutput = '';
const manifestBefore = readFileSync('package.json');

const env = { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', npm_config_update_notifier: 'false' };
function sh(command: string, args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', ...options, env: { ...env, ...options.env } });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
const must = (r: ReturnType<typeof sh>, what: string) => {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
};

beforeAll(() => {
  mkdirSync(project);
  mkdirSync(elsewhere);
  const pack = must(sh('npm', ['pack', '--pack-destination', dir, '--loglevel=error']), 'npm pack');
  packOutput = pack.stdout;
  tarball = join(dir, pack.stdout.trim());
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'reports', version: '1.0.0', private: true }) + '\n');
  must(sh('npm', ['install', ...NPM_FLAGS, tarball], { cwd: project }), 'npm install <tarball>');
  cpSync('fixtures/examples/2020-wanglejing.yaml', join(elsewhere, 'good.yaml'));
  cpSync('fixtures/schema/invalid-negative.yaml', join(elsewhere, 'bad.yaml'));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

const installed = () => join(project, 'node_modules/report-lint');
/** The installed bin (node_modules/.bin/report-lint, a link into the package) run from `cwd`. */
const bin = (args: string[], cwd = elsewhere, extra: NodeJS.ProcessEnv = {}) => sh(join(project, 'node_modules/.bin/report-lint'), args, { cwd, env: extra });
/** The loaders' trace lines (REPORT_LINT_DEBUG_BUNDLE=1), without the build id. */
const trace = (stderr: string) => [...new Set(stderr.split('\n').filter((l) => l.startsWith('report-lint [bundle]')).map((l) => l.replace(/ [0-9a-f]{32}/g, '')))].sort();

describe('npm pack', () => {
  it('prints only the tarball name and leaves package.json as it was', () => {
    expect(packOutput).toBe('report-lint-0.1.0.tgz\n');
    expect(readFileSync('package.json').equals(manifestBefore)).toBe(true);
    expect(existsSync('.package.json.prepack')).toBe(false);
  });

  it('ships LICENSE, the build with its bundles and caches, the schemas and every file the README links to; no sources', () => {
    const files = sh('tar', ['tzf', tarball]).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/report-lint.js', 'dist/cached-bundle.cjs', 'schemas/report-2021.schema.json', 'docs/rules.md', 'docs/report-format.md', 'docs/img/html-report.png', 'bench/RESULTS.md', 'fixtures/hostile/FUZZ.md']) {
      expect(files, f).toContain(f);
    }
    for (const name of ['fast-start', 'worker', 'cli']) for (const ext of ['cjs', 'cache']) expect(files).toContain(`dist/fast-start/${name}.${ext}`);
    expect(files.filter((f) => /^(src|test|scripts|bench\/[^R]|fixtures\/(?!hostile\/FUZZ\.md))/.test(f))).toEqual([]);
    expect(readFileSync(join(installed(), 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 20\d\d /);
  });

  it('the shipped package.json: MIT, repository, homepage, bugs; no prepare or install script', () => {
    const pkg = JSON.parse(readFileSync(join(installed(), 'package.json'), 'utf8')) as Record<string, any>;
    expect(pkg.license).toBe('MIT');
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/report-lint/report-lint.git' });
    expect(pkg.homepage).toBe('https://github.com/report-lint/report-lint#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/report-lint/report-lint/issues' });
    for (const script of ['prepare', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts?.[script], script).toBeUndefined();
    // The repository keeps prepare: a clone's `npm ci` and pre-commit's install from git build with it.
    expect(JSON.parse(manifestBefore.toString('utf8')).scripts.prepare).toBe('node scripts/prepare.mjs');
  });

  it('every relative link of the shipped Markdown files reaches a file in the package', () => {
    const root = installed();
    const markdown = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'bench/RESULTS.md', 'fixtures/hostile/FUZZ.md'];
    const broken: string[] = [];
    let links = 0;
    for (const file of markdown) {
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        links++;
        if (!existsSync(resolve(root, dirname(file), decodeURIComponent(target)))) broken.push(`${file} → ${m[1]}`);
      }
    }
    expect(links).toBeGreaterThan(5);
    expect(broken).toEqual([]);
  });
});

describe('the installed package, run from another folder', () => {
  it('starts one clean file from the code-cached fast-start bundle', () => {
    const r = bin(['good.yaml'], elsewhere, { REPORT_LINT_DEBUG_BUNDLE: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ 已检查 1 个文件，没有发现问题\n');
    expect(trace(r.stderr)).toEqual(['report-lint [bundle] fast-start: bundle, code cache accepted']);
  });

  it('runs the full CLI and --jobs workers from their bundles too', () => {
    const bad = bin(['bad.yaml'], elsewhere, { REPORT_LINT_DEBUG_BUNDLE: '1' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('39:21  错误  三、一、本年新收政府信息公开申请数量 · 自然人：应为非负整数，实为 -1  schema');
    expect(trace(bad.stderr)).toEqual(['report-lint [bundle] cli: bundle, code cache accepted', 'report-lint [bundle] fast-start: bundle, code cache accepted']);
    const batch = join(dir, 'batch');
    generate(batch, 30, { format: 'yaml', seed: 5, invalidShare: 0 });
    const jobs = bin(['--jobs', '2', batch], elsewhere, { REPORT_LINT_DEBUG_BUNDLE: '1' });
    expect(jobs.stdout).toBe('✔ 已检查 30 个文件，没有发现问题\n');
    expect(trace(jobs.stderr)).toEqual(['report-lint [bundle] cli: bundle, code cache accepted', 'report-lint [bundle] worker: bundle, code cache accepted']);
  });

  it('decides by build id, not file times: a copy with shuffled times uses its bundles, one rebuilt by a plain tsc does not', () => {
    const copy = join(dir, 'copy');
    cpSync(join(project, 'node_modules'), join(copy, 'node_modules'), { recursive: true, dereference: false });
    const pkg = join(copy, 'node_modules/report-lint');
    const run = (args: string[]) => sh(process.execPath, [join(pkg, 'bin/report-lint.js'), ...args], { cwd: elsewhere, env: { REPORT_LINT_DEBUG_BUNDLE: '1' } });
    // The bundles older than everything else, as an unpacked tarball may leave them.
    const old = new Date('2001-01-01');
    for (const f of readdirSync(join(pkg, 'dist/fast-start'))) spawnSync('touch', ['-d', old.toISOString(), join(pkg, 'dist/fast-start', f)]);
    expect(statSync(join(pkg, 'dist/fast-start/cli.cjs')).mtimeMs).toBeLessThan(statSync(join(pkg, 'dist/check/lint.js')).mtimeMs);
    expect(trace(run(['bad.yaml']).stderr)).toEqual(['report-lint [bundle] cli: bundle, code cache accepted', 'report-lint [bundle] fast-start: bundle, code cache accepted']);
    // What a plain `tsc` writes: the placeholder id.
    const loader = join(pkg, 'dist/cached-bundle.cjs');
    writeFileSync(loader, readFileSync(loader, 'utf8').replace(/^const BUILD_ID = '[0-9a-f]{32}';$/m, "const BUILD_ID = 'unbundled';"));
    const stale = run(['bad.yaml']);
    expect(trace(stale.stderr)).toEqual(['report-lint [bundle] cli: plain build (bundle of build, this build is unbundled)', 'report-lint [bundle] fast-start: plain build (bundle of build, this build is unbundled)']);
    expect(stale.stdout).toBe(bin(['bad.yaml']).stdout);
  });

  it('init with report-lint a dependency: $schema reaches node_modules/report-lint/schemas by a relative path', () => {
    mkdirSync(join(project, 'reports'), { recursive: true });
    const r = sh('npx', ['--no-install', 'report-lint', 'init', '--year', '2025', '--agency', '某局', '-o', 'reports/2025.yaml'], { cwd: project });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('提示');
    const first = readFileSync(join(project, 'reports/2025.yaml'), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../node_modules/report-lint/schemas/report-2021.schema.json');
    expect(existsSync(join(project, 'reports', '../node_modules/report-lint/schemas/report-2021.schema.json'))).toBe(true);
  });
});

describe('npx and a global install', () => {
  it('npx of the package in an empty folder: init never writes the npx cache path, and `schema` makes the copy it points at', () => {
    const empty = join(dir, 'npx-folder');
    mkdirSync(empty);
    // npx installs the tarball (a new path each run) into npm's cache, _npx/<hash>/; removed below.
    const npx = (args: string[]) => sh('npx', ['--yes', ...NPM_FLAGS, '--package', tarball, '--', 'report-lint', ...args], { cwd: empty });
    try {
      const init = npx(['init', '--year', '2021', '--agency', '某局', '-o', '2021.yaml']);
      expect(init.code, init.stderr).toBe(0);
      const ref = /\$schema=(.+)/.exec(readFileSync(join(empty, '2021.yaml'), 'utf8'))![1]!;
      expect(ref).toBe('schemas/report-2021.schema.json');
      expect(init.stderr).toContain('report-lint schema --template 2021 -o schemas');
      expect(npx(['schema', '--template', '2021', '-o', 'schemas']).code).toBe(0);
      expect(existsSync(join(empty, ref))).toBe(true);
      const lint = npx(['2021.yaml']);
      expect(lint.code).toBe(1); // the placeholders, until the clerk writes the text
      expect(lint.stdout).toContain('占位文字');
    } finally {
      const npxDir = join(sh('npm', ['config', 'get', 'cache']).stdout.trim(), '_npx');
      for (const hash of existsSync(npxDir) ? readdirSync(npxDir) : []) {
        const manifest = join(npxDir, hash, 'package.json');
        if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes(tarball)) rmSync(join(npxDir, hash), { recursive: true, force: true });
      }
    }
  }, 180_000);

  it('npm install -g into a prefix: the command runs from any folder, from its bundles', () => {
    const prefix = join(dir, 'global');
    must(sh('npm', ['install', '-g', '--prefix', prefix, ...NPM_FLAGS, tarball]), 'npm install -g');
    const r = sh(join(prefix, 'bin/report-lint'), ['good.yaml'], { cwd: elsewhere, env: { REPORT_LINT_DEBUG_BUNDLE: '1' } });
    expect(r.stdout).toBe('✔ 已检查 1 个文件，没有发现问题\n');
    expect(trace(r.stderr)).toEqual(['report-lint [bundle] fast-start: bundle, code cache accepted']);
  }, 180_000);
});

describe('the README tells users to run a pinned version', () => {
  const readme = readFileSync('README.md', 'utf8');
  const version = (JSON.parse(manifestBefore.toString('utf8')) as { version: string }).version;

  it('every `npx --yes report-lint` names the version (an unpinned one runs whatever is published under the name)', () => {
    // The commands of the code blocks (the prose may name the unpinned form to warn against it).
    const code = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]).join('\n');
    const runs = [...code.matchAll(/npx --yes report-lint(\S*)/g)].map((m) => m[1]);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.filter((pin) => pin !== `@${version}`)).toEqual([]);
  });

  it('has an Install section after the quick start, with the devDependency and the global install', () => {
    const install = readme.indexOf('## 安装 · Install');
    expect(install).toBeGreaterThan(readme.indexOf('## 快速开始 · Quick start'));
    const section = readme.slice(install, readme.indexOf('\n## ', install + 1));
    expect(section).toContain(`npm i -D report-lint@${version}`);
    expect(section).toContain(`npm i -g report-lint@${version}`);
    expect(section).toContain('report-lint schema --template 2021 -o schemas');
  });
});
