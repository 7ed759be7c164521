/**
 * Output formats (README, Formats): sarif, junit and github are pure functions of the results.
 * fixtures/format/results.json → fixtures/format/<name>.txt, each checked by hand: github
 * escaping (% CR LF in data; also , : in properties), junit's testsuite per file / testcase per
 * rule / skipped after a parse error, SARIF's rule metadata, regions and URI-encoded paths.
 * The SARIF output is validated against the SARIF 2.1.0 schema vendored from @microsoft/jest-sarif.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import github from '../src/format/github.js';
import { junitReport } from '../src/format/junit.js';
import sarif, { sarifLog } from '../src/format/sarif.js';
import { lintSource } from '../src/check/lint.js';
import { allRules, type RuleInfo } from '../src/check/rule-catalog.js';
import type { FileResult } from '../src/types.js';
import { runMain } from './helpers/run-main.js';

const results = JSON.parse(readFileSync('fixtures/format/results.json', 'utf8')) as FileResult[];
const ctx = { cwd: '/work/project', color: false, lang: 'zh' as const };
const expected = (name: string) => readFileSync(`fixtures/format/${name}.txt`, 'utf8');
// A fixed catalogue, so that rules added later do not change the expected files.
const DOCS = 'https://github.com/report-lint/report-lint/blob/main/docs/rules.md#';
const catalogue: RuleInfo[] = (
  [
    ['parse', 'error', 'stage'],
    ['schema', 'error', 'stage'],
    ['balance', 'error', 'rule'],
    ['publication-deadline', 'warning', 'rule'],
  ] as const
).map(([id, severity, kind]) => ({ id, severity, kind, docsUrl: DOCS + id }));

/** The vendored schema is draft-04 only in name (its one `id`); Ajv 8 reads it as draft-07. One of its
 * patterns (language tags) is not valid in unicode mode, hence unicodeRegExp: false. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync('fixtures/format/sarif-2.1.0-rtm.5.schema.json', 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema;
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  return addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile({ ...rest, $id: id as string });
}

describe('exact output', () => {
  it('github', () => expect(github(results, ctx)).toBe(expected('github')));
  it('junit', () => expect(junitReport(results, ctx, catalogue)).toBe(expected('junit')));
  it('sarif', () => expect(JSON.stringify(sarifLog(results, ctx, '0.0.0-test', catalogue), null, 2) + '\n').toBe(expected('sarif')));
  it('github prints nothing for clean results', () => expect(github([results[2]!], ctx)).toBe(''));
});

describe('sarif', () => {
  const validate = sarifValidator();

  it('the expected file and the real formatter output are valid SARIF 2.1.0', () => {
    expect(validate(JSON.parse(expected('sarif'))), JSON.stringify(validate.errors)).toBe(true);
    const real = JSON.parse(sarif(results, ctx)) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; fullDescription: { text: string } }[] } } }[] };
    expect(validate(real), JSON.stringify(validate.errors)).toBe(true);
    // Every rule of this build, with a description from the catalogue, not a bare key.
    expect(real.runs[0]!.tool.driver.rules.map((r) => r.id)).toEqual(allRules().map((r) => r.id));
    for (const r of real.runs[0]!.tool.driver.rules) {
      expect(r.fullDescription.text, r.id).not.toContain('rule.');
      expect(r.helpUri).toBe(DOCS + r.id);
    }
  });

  it('the validator does reject a broken log (a driver without a name, an unknown level)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    const log = JSON.parse(expected('sarif'));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('zero findings are a valid log with no results', () => {
    const log = JSON.parse(sarif([], ctx));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });

  it('fingerprints survive unrelated edits that move the lines', () => {
    const text = readFileSync('fixtures/cli/tree/sub/2020-appeal.yml', 'utf8');
    const moved = '# 2024-03-01 修改：补充说明\n# 第二行注释\n' + text;
    const fp = (t: string) => {
      const r = sarifLog([lintSource(t, 'r.yaml', { lang: 'zh' })], ctx, 'x').runs[0]!.results![0]!;
      return { line: r.locations![0]!.physicalLocation!.region!.startLine, fingerprint: r.partialFingerprints!['reportLint/v1'] };
    };
    const before = fp(text);
    const after = fp(moved);
    expect(after.line).toBe(before.line + 2);
    expect(after.fingerprint).toBe(before.fingerprint);
  });
});

describe('formats through the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-formats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('json parses even with zero findings', async () => {
    const r = await runMain(['fixtures/examples/2020-wanglejing.yaml', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ file: 'fixtures/examples/2020-wanglejing.yaml', errorCount: 0, warningCount: 0, diagnostics: [] }]);
  });

  it('several --format/--output pairs in one run; the format without --output goes to stdout', async () => {
    const sarifFile = join(dir, 'out', 'report.sarif');
    const junitFile = join(dir, 'junit.xml');
    const r = await runMain(['fixtures/cli/tree/sub', '-f', 'sarif', '-o', sarifFile, '-f', 'junit', '-o', junitFile, '-f', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '::error file=fixtures/cli/tree/sub/2020-appeal.yml,line=54,col=81,endLine=54,endColumn=82,title=report-lint (appeal-total)::' +
        '四、行政复议 · 总计：填报 1，按各项结果相加应为 0（结果维持 0 + 结果纠正 0 + 其他结果 0 + 尚未审结 0）\n',
    );
    const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['appeal-total']);
    const xml = readFileSync(junitFile, 'utf8');
    expect(xml).toContain('<testsuite name="fixtures/cli/tree/sub/2020-appeal.yml"');
    expect(xml).toContain('fixtures/cli/tree/sub/2020-appeal.yml:54:81  错误  四、行政复议 · 总计');
  });
  const validate = sarifValidator();

  it('an output file that cannot be written is exit 2 with one line, not a hang', async () => {
    const r = await runMain(['fixtures/examples', '-o', '/proc/no-such-dir/out.json']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'report-lint: 无法写入输出文件 /proc/no-such-dir/out.json：ENOENT（该文件未被改动）\n' });
  });

  it('pairing mistakes are usage errors', async () => {
    expect((await runMain(['fixtures/examples', '-f', 'json', '-f', 'sarif'])).stderr).toBe(
      'report-lint: 格式 json, sarif 都会写到标准输出，无法区分：请为其中的格式加上 --output 文件\n',
    );
    expect((await runMain(['fixtures/examples', '-o', 'a.json', '-o', 'b.json'])).code).toBe(2);
    expect(await runMain(['fixtures/examples', '-f', 'xml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'report-lint: 未知的输出格式 --format xml（可用：stylish, json, html, sarif, junit, github, csv, xlsx）\n',
    });
  });
});
