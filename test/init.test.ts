/**
 * `report-lint init`, run as a clerk runs it (the real bin): a blank report for each template
 * and format that lints with no error but the three placeholders, labels from the schema on
 * every row, a schema reference an editor can follow (test/schema-command.test.ts: where it
 * points), and no silent overwrite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/report-lint.js');
const run = (args: string[], cwd = process.cwd()) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const tmp = () => mkdtempSync(join(tmpdir(), 'report-lint-init-'));
const lintJson = (file: string) => {
  const r = run([file, '--format', 'json']);
  return { status: r.status, diagnostics: (JSON.parse(r.stdout) as { diagnostics: { ruleId: string; path: string }[] }[])[0]!.diagnostics };
};
const PLACEHOLDER_PATHS = ['/overview', '/problems', '/other_matters'];

describe('report-lint init', { timeout: 60_000 }, () => {
  for (const [year, template] of [
    [2020, 2019],
    [2025, 2021],
  ] as const) {
    for (const format of ['yaml', 'json'] as const) {
      it(`${year} ${format}: template ${template}, only the placeholders are errors, and replacing them lints clean`, () => {
        const dir = tmp();
        const file = join(dir, `report.${format}`);
        const r = run(['init', '--year', String(year), '--agency', '某某县人民政府', '-o', file]);
        expect(r.status, r.stderr).toBe(0);
        const text = readFileSync(file, 'utf8');
        expect(text).toContain(format === 'yaml' ? `template: ${template}` : `"template": ${template}`);

        const first = lintJson(file);
        expect(first.status).toBe(1);
        expect(first.diagnostics.map((d) => `${d.ruleId}${d.path}`).sort()).toEqual(PLACEHOLDER_PATHS.map((p) => `schema${p}`).sort());
        // The json format has no messageId: check the message itself names the placeholder.
        expect(run([file]).stdout).toContain('占位文字');

        writeFileSync(file, text.replace(/【请填写[^】]*】/g, '本年度无特别事项。'));
        const second = run([file]);
        expect(second.status, second.stdout).toBe(0);
      });
    }
  }

  it('names every row by its official label, taken from the schema titles', () => {
    const r = run(['init', '--year', '2022', '--agency', '某某县人民政府']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(readFileSync('schemas/applications-2021.schema.json', 'utf8'));
    const withheld = schema.properties.outcomes.properties.withheld.properties;
    expect(r.stdout).toMatch(new RegExp(`^ +state_secret: +\\{.*\\} +# ${withheld.state_secret.title}$`, 'm'));
    expect(r.stdout).toMatch(/^ +overdue_correction: +\{.*\} +# 1\.申请人无正当理由逾期不补正/m);
    // Every line holding a row of numbers carries a comment.
    const rows = r.stdout.split('\n').filter((l) => /:\s+\{ .*\}/.test(l));
    expect(rows.length).toBeGreaterThan(25);
    for (const line of rows) expect(line).toMatch(/\}  # \S/);
    // All counts 0.
    expect(r.stdout.match(/: (\d+)/g)!.filter((m) => !/: (0|2021|2022|2023)$/.test(m))).toEqual([]);
  });

  it('points editors at the schemas by a path relative to the report, on stdout too (relative to the working directory)', () => {
    const dir = mkdtempSync(join(process.cwd(), 'tmp-init-'));
    try {
      const file = join(dir, 'reports', '2025.yaml');
      spawnSync('mkdir', ['-p', dirname(file)]);
      expect(run(['init', '--year', '2025', '--agency', '某局', '-o', file]).status).toBe(0);
      const modeline = readFileSync(file, 'utf8').split('\n')[0]!;
      const ref = /^# yaml-language-server: \$schema=(.+)$/.exec(modeline)![1]!;
      // In this repository the nearest copy is its own schemas/ folder.
      expect(ref).toBe('../../schemas/report-2021.schema.json');
      expect(existsSync(resolve(dirname(file), ref))).toBe(true);

      const out = run(['init', '--year', '2020', '--agency', '某局']).stdout.split('\n')[0]!;
      expect(out).toBe('# yaml-language-server: $schema=schemas/report-2019.schema.json');
    } finally {
      spawnSync('rm', ['-rf', dir]);
    }
  });

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const file = join(tmp(), 'r.yaml');
    writeFileSync(file, 'keep me\n');
    const r = run(['init', '--year', '2025', '--agency', '某局', '-o', file]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(run(['init', '--year', '2025', '--agency', '某局', '-o', file, '--force']).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('template: 2021');
  });

  it('exits 2 with one line for a year before 2019, a template that does not fit the year, or a mismatched extension', () => {
    for (const args of [
      ['--year', '2018', '--agency', 'x'],
      ['--year', '2025', '--agency', 'x', '--template', '2019'],
      ['--year', '2025', '--agency', 'x', '--format', 'yaml', '-o', join(tmp(), 'r.json')],
      ['--year', 'abcd', '--agency', 'x'],
    ]) {
      const r = run(['init', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
