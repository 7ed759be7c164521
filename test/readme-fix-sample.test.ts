/**
 * The README's clerk walk-through shows `--fix-dry-run` output; a clerk compares it with what they
 * see. The sample's lines (other than the `…` elisions) must appear in the real output, in order,
 * for the scenario the README describes: `init`, then a few applicant numbers filled in.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './helpers/run-main.js';

function readmeBlock(command: string): string[] {
  const readme = readFileSync('README.md', 'utf8').split('\n');
  const start = readme.indexOf(`$ ${command}`);
  expect(start, `README shows "$ ${command}"`).toBeGreaterThan(0);
  const lines: string[] = [];
  for (const line of readme.slice(start + 1)) {
    if (line.startsWith('$ ') || line.startsWith('```')) break;
    lines.push(line);
  }
  return lines;
}

describe('README --fix-dry-run sample', () => {
  it('matches the real output line for line (elisions aside)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rl-readme-'));
    const init = await runMain(['init', '--year', '2025', '--agency', '某某县人民政府', '-o', '2025.yaml'], { cwd: dir });
    expect(init.code).toBe(0);
    const file = join(dir, '2025.yaml');
    const filled = readFileSync(file, 'utf8')
      .replace(/(  received: +\{ )natural_person: 0, commercial: 0/, '$1natural_person: 2, commercial: 1')
      .replace(/(    disclosed: +\{ )natural_person: 0/, '$1natural_person: 2')
      .replace(/(      not_held: +\{ natural_person: 0, )commercial: 0/, '$1commercial: 1')
      .replace(/ {2}【请填写：[^】]*】/g, '  本年度共收到政府信息公开申请3件，均已按时答复。');
    writeFileSync(file, filled);

    // The real bin, run in the report's folder, so the diff names the file as the clerk typed it.
    const run = spawnSync(process.execPath, [resolve('bin/report-lint.js'), '--fix-dry-run', '2025.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', LC_ALL: '' },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const actual = (run.stdout + run.stderr).split('\n');
    const sample = readmeBlock('npx report-lint --fix-dry-run 2025.yaml');
    // Starts where the sample starts (no extra header lines before the `---`).
    expect(actual[0]).toBe(sample[0]);
    let at = 0;
    for (const expected of sample) {
      if (expected === '…' || expected === '') continue;
      const found = actual.indexOf(expected, at);
      expect(found, `README line not in the output (after line ${at}): ${expected}\n--- output ---\n${actual.join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    // The file itself is untouched by a dry run.
    expect(readFileSync(file, 'utf8')).toBe(filled);
  });
});
