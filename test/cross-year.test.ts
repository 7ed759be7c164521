/**
 * Cross-year rules as a clerk meets them (the real bin): pairing within one run by agency and
 * consecutive year, --previous, ambiguity and bad input; and the pairing keeping summaries only.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pairing } from '../src/cross-year/pairing.js';
import { DeferredPairing } from '../src/cross-year/deferred.js';
import { lintFileKeyed } from '../src/lint-file.js';

const BIN = resolve('bin/report-lint.js');
const DIR = 'fixtures/cross-year';
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8' } });
interface Out {
  file: string;
  diagnostics: { ruleId: string; message: string; path: string; line: number; expected?: number; actual?: number }[];
}
const lintJson = (args: string[]) => {
  const r = run([...args, '--format', 'json']);
  return { status: r.status, stderr: r.stderr, results: JSON.parse(r.stdout) as Out[] };
};
const brief = (o: Out) => o.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.path} ${d.actual}→${d.expected}`);

describe('cross-year rules', { timeout: 60_000 }, () => {
  it('pairs the files of one run by agency and year − 1, and names both files and both cells', () => {
    const { status, results } = lintJson([`${DIR}/run`]);
    expect(status).toBe(0);
    const byFile = Object.fromEntries(results.map((r) => [r.file.replace(`${DIR}/run/`, ''), r]));
    expect(brief(byFile['a-2020.yaml']!)).toEqual([
      '16 item-count /proactive/fees/last_year_items 4→3',
      '22 carry-over /applications/carried_over/commercial 0→1',
      '22 carry-over /applications/carried_over/total 2→3',
    ]);
    const carry = byFile['a-2020.yaml']!.diagnostics[1]!.message;
    expect(carry).toContain(`${DIR}/run/a-2020.yaml`);
    expect(carry).toContain(`${DIR}/run/a-2019.yaml`);
    expect(carry).toContain('二、上年结转政府信息公开申请数量 · 法人或其他组织 · 商业企业');
    expect(carry).toContain('四、结转下年度继续办理 · 法人或其他组织 · 商业企业（第 47 行）');
    // 2021 follows 2020 across the template change: carry-over holds, in-force has nothing to start from.
    expect(byFile['a-2021.yaml']!.diagnostics).toEqual([]);
    // Another agency's 2019 report is not 乙镇's last year.
    expect(byFile['b-2020.yaml']!.diagnostics).toEqual([]);
    expect(byFile['a-2019.yaml']!.diagnostics).toEqual([]);
  });

  it('--previous names last year\'s report explicitly; without it a single file is not compared', () => {
    const alone = lintJson([`${DIR}/run/a-2020.yaml`]);
    expect(alone.results[0]!.diagnostics).toEqual([]);
    const paired = lintJson([`${DIR}/run/a-2020.yaml`, '--previous', `${DIR}/run/a-2019.yaml`]);
    expect(brief(paired.results[0]!)).toHaveLength(3);
    expect(paired.stderr).toBe('');
  });

  it('--previous of the wrong year says so on stderr instead of passing silently', () => {
    const r = lintJson([`${DIR}/run/a-2021.yaml`, '--previous', `${DIR}/run/a-2019.yaml`]);
    expect(r.results[0]!.diagnostics).toEqual([]);
    expect(r.stderr).toMatch(/--previous .*a-2019\.yaml 是 2019 年度报告，被检查的文件中没有 2020 年度报告/);
  });

  it('--previous that cannot be read is a usage error (exit 2, one line)', () => {
    const r = run([`${DIR}/run/a-2020.yaml`, '--previous', `${DIR}/missing.yaml`]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('two reports of the same agency and year make the pairing ambiguous: silent', () => {
    const { results } = lintJson([`${DIR}/ambiguous`]);
    for (const r of results) expect(r.diagnostics, r.file).toEqual([]);
  });

  it('keeps only small summaries of the run, not the parsed reports', () => {
    const files = ['a-2019.yaml', 'a-2020.yaml', 'a-2021.yaml', 'b-2020.yaml'].map((f) => `${DIR}/run/${f}`);
    const pairing = new Pairing(files);
    const previous = pairing.previousFor(files[1]!)!;
    expect(previous.file).toBe(files[0]);
    expect(Object.keys(previous.data).sort()).toEqual(['agency', 'applications', 'proactive', 'template', 'year']);
    expect(Object.keys(previous.data.applications as object)).toEqual(['carried_forward']);
    expect(JSON.stringify(previous).length).toBeLessThan(1500);
    expect(pairing.previousFor(files[3]!)).toBeUndefined();
  });

  it('without a pre-pass: pairs from the lint pass and re-lints only the files that have last year in the run', () => {
    const files = ['a-2019.yaml', 'a-2020.yaml', 'a-2021.yaml', 'b-2020.yaml'].map((f) => `${DIR}/run/${f}`);
    const deferred = new DeferredPairing();
    const results = files.map((file) => {
      const { result, pairKey } = lintFileKeyed(file, {});
      deferred.add(pairKey);
      return result;
    });
    const relinted: string[] = [];
    deferred.relintPairs(files, results, (file, previous) => {
      relinted.push(`${file} ← ${previous.file}`);
      return lintFileKeyed(file, { previous }).result;
    });
    expect(relinted).toEqual([`${files[1]} ← ${files[0]}`, `${files[2]} ← ${files[1]}`]);
    // The same previous-year summaries as the pre-pass gives.
    const pairing = new Pairing(files);
    expect(pairing.previousFor(files[2]!)?.file).toBe(files[1]);
    expect(results[1]!.diagnostics.map((d) => d.ruleId)).toEqual(['item-count', 'carry-over', 'carry-over']);
    expect(results[3]!.diagnostics).toEqual([]);
  });
});
