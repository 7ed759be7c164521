/**
 * The messages of --fix and init come from the catalogues (src/i18n): English under --lang en
 * or an English locale, Chinese otherwise, and no Chinese text left hard-coded in their modules.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './helpers/run-main.js';

describe('init speaks the run\'s language', () => {
  const en = (args: string[]) => runMain(['init', ...args, '--lang', 'en']);
  it('usage errors in English under --lang en, one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-lint-init-en-'));
    const existing = join(dir, 'r.yaml');
    writeFileSync(existing, 'keep\n');
    const cases: [string[], string][] = [
      [['--year', 'abcd', '--agency', 'x'], '--year must be a four-digit year, got abcd'],
      [['--year', '2018', '--agency', 'x'], 'year 2018 is before both official report templates (in force from 2019): nothing to generate'],
      [['--year', '2025', '--agency', '  '], "--agency must not be empty: give the agency's full name, e.g. 某某县人民政府"],
      [['--year', '2025', '--agency', 'x', '--template', '2019'], 'a 2025 report uses template 2021, not 2019 (the 2019 template is for 2019 and 2020, the 2021 template for 2021 and later)'],
      [['--year', '2025', '--agency', 'x', '--format', 'yaml', '-o', 'r.json'], 'the extension of the output file r.json does not match --format yaml'],
      [['--year', '2025', '--agency', 'x', '-o', existing], `file exists: ${existing} (not overwritten; add --force to overwrite it)`],
    ];
    for (const [args, message] of cases) expect(await en(args), args.join(' ')).toEqual({ code: 2, stdout: '', stderr: `report-lint: ${message}\n` });
    expect(readFileSync(existing, 'utf8')).toBe('keep\n');
  });

  it('the success line in English, and in Chinese by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-lint-init-en-'));
    const file = join(dir, 'r.yaml');
    // The temporary folder has no schemas for the $schema line to reach: a second line says how to get them.
    const [enLine, enHint, enEnd] = (await en(['--year', '2025', '--agency', '某局', '-o', file])).stderr.split('\n');
    expect(enLine).toBe(`Wrote ${file} (某局, year 2025, template 2021). Fill it in, then run: report-lint --fix ${file}`);
    expect(enHint).toContain(`report-lint schema --template 2021 -o ${join(dir, 'schemas')}`);
    expect(enEnd).toBe('');
    const [zhLine, zhHint, zhEnd] = (await runMain(['init', '--year', '2025', '--agency', '某局', '-o', join(dir, 'z.yaml')])).stderr.split('\n');
    expect(zhLine).toBe(`已生成 ${join(dir, 'z.yaml')}（某局 2025 年度，template 2021）。填写后运行：report-lint --fix ${join(dir, 'z.yaml')}`);
    expect(zhHint).toContain(`report-lint schema --template 2021 -o ${join(dir, 'schemas')}`);
    expect(zhEnd).toBe('');
    // An English locale without --lang.
    const locale = await runMain(['init', '--year', '2025', '--agency', 'x', '--year', 'abcd'], { env: { LANG: 'en_US.UTF-8' } });
    expect(locale.stderr).toBe('report-lint: --year must be a four-digit year, got abcd\n');
  });

  it('its help in English under --lang en', async () => {
    const help = await runMain(['init', '--help', '--lang', 'en']);
    expect(help.stdout).toContain('write a blank annual report');
    expect(help.stdout).toContain('overwrite an existing file');
    // The example agency name stays Chinese: agencies are named so.
    expect(help.stdout.replace('某某县人民政府', '')).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await runMain(['init', '--help'])).stdout).toContain('覆盖已存在的文件');
  });
});

describe('no hard-coded user-facing Chinese in the --fix and init modules', () => {
  const files = [...readdirSync('src/fix').map((f) => `src/fix/${f}`), 'src/init/run.ts', 'src/cli/commands/init.ts', 'src/format/outputs.ts', 'src/util/write-file.ts'];
  it.each(files)('%s', (file) => {
    // Code lines only: comments may be Chinese; messages must come from src/i18n.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, ''));
    expect(code.map((line, i) => [i + 1, line] as const).filter(([, line]) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line))).toEqual([]);
  });
});
