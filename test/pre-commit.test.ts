/**
 * The pre-commit hook (.pre-commit-hooks.yaml) installed the way pre-commit really installs it:
 * `pre-commit try-repo` against a scratch clone of this working tree (its tracked and new files,
 * committed), on a clean report and on a report with a mistake. pre-commit builds its own
 * environment for the hook (a `language: node` hook: npm installs the repository from git, which
 * runs `prepare`, scripts/prepare.mjs) exactly as for a user's `.pre-commit-config.yaml`.
 *
 * pre-commit comes from REPORT_LINT_PRE_COMMIT (.ci/run installs it into a virtual environment)
 * or PATH. Without it the test is skipped with a notice, unless REPORT_LINT_REQUIRE_PRE_COMMIT=1
 * (.ci/run), when it fails instead. Each try-repo installs the hook afresh (npm ci of the build's
 * packages from npm's cache, the build): minutes, not seconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const PRE_COMMIT = process.env.REPORT_LINT_PRE_COMMIT || 'pre-commit';
const REQUIRED = process.env.REPORT_LINT_REQUIRE_PRE_COMMIT === '1';
const version = spawnSync(PRE_COMMIT, ['--version'], { encoding: 'utf8' });
const FOUND = version.status === 0;
const NOTICE = `pre-commit not found (${PRE_COMMIT}; set REPORT_LINT_PRE_COMMIT or put it on PATH): the pre-commit hook test is SKIPPED. REPORT_LINT_REQUIRE_PRE_COMMIT=1 makes this a failure (CI).`;
if (!FOUND && !REQUIRED) process.stderr.write(`\n⚠ test/pre-commit.test.ts: ${NOTICE}\n\n`);

const dir = mkdtempSync(join(tmpdir(), 'report-lint-pre-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=report-lint test', '-c', 'user.email=test@report-lint.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

/**
 * package.json as the repository has it: while test/package.test.ts runs `npm pack`, the file is
 * the packed copy without `prepare` for a moment (scripts/pack.mjs); wait for the original.
 */
async function repositoryManifest(): Promise<Buffer> {
  for (let waited = 0; ; waited += 200) {
    const text = readFileSync('package.json');
    if ((JSON.parse(text.toString('utf8')) as { scripts?: Record<string, string> }).scripts?.prepare || waited > 120_000) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The working tree as a repository of its own: what a user's pre-commit would clone at a tag. */
async function scratchClone(): Promise<string> {
  const repo = join(dir, 'report-lint');
  const files = git(process.cwd(), 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      // deleted in the working tree, not yet committed
    }
    if (!isFile) continue;
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    if (file === 'package.json') writeFileSync(join(repo, file), await repositoryManifest());
    else cpSync(file, join(repo, file));
  }
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'scratch clone of the working tree');
  return repo;
}

/** A repository of reports, as a clerk keeps them. */
function reportsRepo(): string {
  const repo = join(dir, 'reports-repo');
  mkdirSync(join(repo, 'reports'), { recursive: true });
  cpSync('fixtures/examples/2020-wanglejing.yaml', join(repo, 'reports/good.yaml'));
  cpSync('fixtures/schema/invalid-negative.yaml', join(repo, 'reports/bad.yaml'));
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'reports');
  return repo;
}

/** `pre-commit try-repo <hook repo> report-lint …` in the reports repository. */
function tryRepo(cwd: string, hookRepo: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(PRE_COMMIT, ['try-repo', hookRepo, 'report-lint', ...args], {
      cwd,
      env: { ...process.env, PRE_COMMIT_HOME: mkdtempSync(join(dir, 'home-')), NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the pre-commit hook, installed by the real pre-commit', () => {
  it.skipIf(!FOUND && !REQUIRED)(
    `pre-commit try-repo: a clean report passes (exit 0), a report with a mistake fails (exit 1) with its diagnostic${FOUND ? ` (${version.stdout.trim()})` : ''}`,
    async () => {
      expect(FOUND, NOTICE).toBe(true);
      const hookRepo = await scratchClone();
      const reports = reportsRepo();
      // Both at once: each installs the hook into its own environment.
      const [good, bad] = await Promise.all([
        // --verbose shows the hook's output of a passing run: the bundle trace proves the
        // installed hook runs its built, code-cached start (scripts/prepare.mjs built it).
        tryRepo(reports, hookRepo, ['--verbose', '--files', 'reports/good.yaml'], { REPORT_LINT_DEBUG_BUNDLE: '1' }),
        tryRepo(reports, hookRepo, ['--files', 'reports/good.yaml', 'reports/bad.yaml']),
      ]);
      expect(good.output).toMatch(/^report-lint\.+Passed$/m);
      expect(good.output).toContain('✔ 已检查 1 个文件，没有发现问题');
      expect(good.output).toMatch(/report-lint \[bundle\] fast-start: bundle [0-9a-f]{32}, code cache accepted/);
      expect(good.code, good.output).toBe(0);

      expect(bad.output).toMatch(/^report-lint\.+Failed$/m);
      expect(bad.output).toContain('- exit code: 1');
      expect(bad.output).toMatch(/^reports\/bad\.yaml\n {2}39:21 {2}错误 {2}三、一、本年新收政府信息公开申请数量 · 自然人：应为非负整数，实为 -1 {2}schema$/m);
      expect(bad.output).not.toContain('reports/good.yaml');
      expect(bad.code, bad.output).toBe(1);
    },
    1_200_000,
  );
});
