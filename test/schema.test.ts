/**
 * Schema stage: fixtures/schema/ (markers as in rules.test.ts) plus the exact wording of the
 * messages a clerk reads, checked by hand against the diagnostics of README's Sample output.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/check/lint.js';
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
    ['invalid-published-number.yaml', '发布日期：应为 YYYY-MM-DD 格式的有效日期，实为 20220125'],
    ['invalid-text-number.yaml', '机关名称：应为非空文本，实为 123'],
    ['invalid-subtotal.yaml', '三、（三）不予公开：官方表格没有小计行，不应有键 total：只填各分项，（七）总计会把它们加在一起'],
    ['invalid-huge-count.yaml', '三、一、本年新收政府信息公开申请数量 · 自然人：数值 1.2345678901234569e+23 超出合理范围，请检查是否多输了数字'],
    ['invalid-unknown-key.yaml', '报告：不应有键 remarks'],
    ['invalid-2021-key-in-2019.yaml', '二、第二十条第（八）项 · 行政事业性收费 · 本年收费金额（单位：万元）：amount 不属于 2019 格式'],
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

describe('rule messages (checked by hand: reported value, computed value, addends)', () => {
  const R = 'fixtures/rules/';
  const zhAndEn = (file: string) => [messages(R + file), messages(R + file, 'en')];
  it('balance and row-total', () => {
    // 四 · 自然人: 一 20 + 二 1 − （七）19 = 2, reported 5; the row 四 adds up to 5, reported 2.
    expect(zhAndEn('balance/invalid-carried-forward-flow.yaml')).toEqual([
      [
        '三、四、结转下年度继续办理 · 自然人：填报 5，按勾稽关系（第一项加第二项之和，等于第三项加第四项之和）应为 2（一、本年新收 20 + 二、上年结转 1 − （七）总计 19）',
        '三、四、结转下年度继续办理 · 总计：填报 2，按各类申请人相加应为 5（自然人 5 + 商业企业 0 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0）',
      ],
      [
        'applications.carried_forward.natural_person: reported 5, the balance (item 1 + item 2 = item 3 + item 4) requires 2 (received 20 + carried_over 1 − outcomes.total 19)',
        'applications.carried_forward.total: reported 2, the applicant columns add up to 5 (natural_person 5 + commercial 0 + research 0 + nonprofit 0 + legal_service 0 + other 0)',
      ],
    ]);
  });
  it('outcome-total names the groups （一）…（六） with their sums (2021: （六） is the sum of its three rows)', () => {
    const [zh, en] = zhAndEn('outcome-total/invalid-2021-other-group-block.yaml');
    expect(zh).toContain('三、（七）总计 · 法人或其他组织 · 科研机构：填报 1，按各项办理结果相加应为 2（（一）1 + （二）0 + （三）0 + （四）0 + （五）0 + （六）1）');
    expect(en).toContain(
      'applications.outcomes.total.research: reported 1, the outcomes add up to 2 (disclosed 1 + partly_disclosed 0 + withheld 0 + unavailable 0 + not_processed 0 + other 1)',
    );
  });
  it('appeal-total and template-year', () => {
    expect(zhAndEn('appeal-total/invalid-part-block.yaml')).toEqual([
      ['四、行政诉讼 · 未经复议直接起诉 · 总计：填报 2，按各项结果相加应为 4（结果维持 1 + 结果纠正 2 + 其他结果 0 + 尚未审结 1）'],
      ['review_litigation.lawsuit_direct.total: reported 2, the results add up to 4 (upheld 1 + corrected 2 + other 0 + pending 1)'],
    ]);
    expect(zhAndEn('template-year/invalid-2019-for-2021.yaml')).toEqual([
      ['年报格式 template: 2019 适用于 2019、2020 年度，本报告年度为 2021，应为 template: 2021'],
      ['template: 2019 is for report years 2019 and 2020; this report is for 2021 and needs template: 2021'],
    ]);
    expect(messages(R + 'template-year/invalid-year-2018.yaml')).toEqual(['报告年度 2018 早于两种官方年报格式（2019 年起施行）']);
  });
});
