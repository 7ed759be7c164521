/**
 * Schema stage: fixtures/schema/ (markers as in rules.test.ts) plus the exact wording of the
 * messages a clerk reads, checked by hand against issue 2's example format.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/lint.js';
import { expectDiagnosticsToMatch, expectedMarkers, expectRenderedMessages, fixtureFiles, fixtureOptions } from './helpers/markers.js';

const lint = (file: string, lang: 'zh' | 'en' = 'zh') => lintSource(readFileSync(file), file, { ...fixtureOptions(file), lang });
const messages = (file: string, lang: 'zh' | 'en' = 'zh') => lint(file, lang).diagnostics.map((d) => d.message);

describe('fixtures/schema', () => {
  for (const file of fixtureFiles('fixtures/schema')) {
    it(basename(file), () => {
      const result = lint(file);
      expectDiagnosticsToMatch(result, expectedMarkers(file));
      expectRenderedMessages(result.diagnostics);
      expectRenderedMessages(lint(file, 'en').diagnostics);
    });
  }
});

describe('schema messages', () => {
  const S = 'fixtures/schema/';
  it.each([
    ['invalid-string-number.yaml', '三、（三）不予公开 · 1.属于国家秘密 · 自然人：应为非负整数，实为 "3"'],
    ['invalid-negative.yaml', '三、一、本年新收政府信息公开申请数量 · 自然人：应为非负整数，实为 -1'],
    ['invalid-fraction.yaml', '三、（一）予以公开 · 法人或其他组织 · 商业企业：应为非负整数，实为 1.5'],
    ['invalid-missing-key.yaml', '三、一、本年新收政府信息公开申请数量：缺少 research（法人或其他组织 · 科研机构）'],
    ['invalid-missing-section.yaml', '报告：缺少 problems（五、存在的主要问题及改进情况）'],
    ['invalid-typo-suggest.yaml', '三、一、本年新收政府信息公开申请数量：不应有键 natual_person，是否应为 natural_person（自然人）？'],
    ['invalid-2019-key-in-2021.yaml', '二、第二十条第（九）项 · 政府集中采购：procurement 不属于 2021 格式'],
    ['invalid-template-missing.yaml', '缺少 template（年报格式）：应为 2019 或 2021，无法确定按哪一种格式检查'],
    ['invalid-template-unknown.yaml', '年报格式 template：应为 2019 或 2021，实为 2020'],
    ['invalid-template-string.yaml', '年报格式 template：应为 2019 或 2021，实为 "2021"'],
    ['invalid-published-date.yaml', '发布日期：应为 YYYY-MM-DD 格式的有效日期，实为 "2022-02-30"'],
    ['invalid-money-decimals.yaml', '二、第二十条第（八）项 · 行政事业性收费 · 本年收费金额（单位：万元）：应为不小于 0 的金额（万元，最多 4 位小数），实为 12.34567'],
    ['invalid-money-string.yaml', '二、第二十条第（九）项 · 政府集中采购 · 采购总金额（万元）：应为不小于 0 的金额（万元，最多 4 位小数），实为 "25.1万元"'],
    ['invalid-year-string.yaml', '报告年度：应为不早于 2008 的整数年份，实为 "2021"'],
  ])('%s', (name, message) => {
    expect(messages(S + name)).toContain(message);
  });

  it('null values say "空值"', () => {
    expect(messages(S + 'invalid-null.yaml')).toEqual([
      '三、二、上年结转政府信息公开申请数量 · 法人或其他组织 · 科研机构：应为非负整数，实为 空值',
      '四、行政复议 · 尚未审结：应为非负整数，实为 空值',
    ]);
  });

  it('English names keys and kinds', () => {
    expect(messages(S + 'invalid-string-number.yaml', 'en')).toEqual([
      'applications.outcomes.withheld.state_secret.natural_person: expected a non-negative integer, found "3"',
    ]);
    expect(messages(S + 'invalid-typo-suggest.yaml', 'en')[0]).toMatch(/natual_person.*did you mean natural_person/);
  });

  it('a 2019-shaped row in a 2021 report is one diagnostic naming the template', () => {
    const [message] = messages(S + 'invalid-2019-other-row-in-2021.yaml');
    expect(message).toMatch(/^三、（六）其他处理：.*2019/);
  });

  it('money: 4 decimals are exact at any size (no float multipleOf), a 5th decimal is an error', () => {
    const text = readFileSync('fixtures/examples/2021-county-market-regulation.yaml', 'utf8');
    for (const amount of ['86741978.2446', '1234567.8901', '9999999999.9999', '0.0001', '0']) {
      expect(lintSource(text.replace('amount: 12.3456', `amount: ${amount}`), 'x.yaml').diagnostics, amount).toEqual([]);
    }
    for (const amount of ['86741978.24461', '0.00001', '1e-5']) {
      const ids = lintSource(text.replace('amount: 12.3456', `amount: ${amount}`), 'x.yaml').diagnostics.map((d) => d.messageId);
      expect(ids, amount).toEqual(['multipleOf']);
    }
  });

  it('published: 2021-01-30 unquoted is a date string, not a timestamp (YAML 1.2 core)', () => {
    const text = readFileSync('fixtures/examples/2021-county-market-regulation.yaml', 'utf8');
    expect(text).toMatch(/^published: 2022-01-25$/m);
    expect(lintSource(text, 'x.yaml').diagnostics).toEqual([]);
  });
});
