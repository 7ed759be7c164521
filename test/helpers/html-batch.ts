/**
 * A batch of reports for the HTML summary, generated from fixtures/examples: each file gets
 * its own agency and, by a fixed plan, known mistakes. The plan says which rules each file
 * must trip, so a test can check the page against it rather than against the linter's output.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export interface BatchFile {
  file: string;
  agency: string;
  /** Rule ids the file must produce, one entry per diagnostic (sorted). */
  expectedRules: string[];
}

const COUNTIES = ['甲县', '乙县', '丙县', '丁县', '戊县'];
const OFFICES = ['人民政府办公室', '教育局', '公安局', '民政局', '财政局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '卫生健康委员会'];

/**
 * Write `count` YAML reports into `dir` (emptied first). Mistakes by file number i:
 * - i % 10 == 3: a duplicate `year` key → parse (nothing else is checked);
 * - i % 4 == 1: 一、本年新收 · 总计 one too high → row-total, and the 总计 column no longer balances → balance;
 * - i % 6 == 2: 行政复议 · 总计 two too high → appeal-total (lint the batch with appeal-total as a warning to see amber);
 * - i % 7 == 5: 行政许可 处理决定数量 written as text → schema.
 */
export function writeBatch(dir: string, count = 50): BatchFile[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const examples = readdirSync('fixtures/examples')
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => readFileSync(join('fixtures/examples', f), 'utf8'));
  if (examples.length === 0) throw new Error('fixtures/examples holds no YAML report to build the batch from');
  const batch: BatchFile[] = [];
  for (let i = 0; i < count; i++) {
    const agency = COUNTIES[Math.floor(i / OFFICES.length) % COUNTIES.length]! + OFFICES[i % OFFICES.length]!;
    const doc = parseDocument(examples[i % examples.length]!);
    doc.set('agency', agency);
    const expectedRules: string[] = [];
    let text: string;
    if (i % 10 === 3) {
      text = doc.toString() + 'year: 2020\n';
      expectedRules.push('parse');
    } else {
      if (i % 4 === 1) {
        doc.setIn(['applications', 'received', 'total'], Number(doc.getIn(['applications', 'received', 'total'])) + 1);
        expectedRules.push('row-total', 'balance');
      }
      if (i % 6 === 2) {
        doc.setIn(['review_litigation', 'review', 'total'], Number(doc.getIn(['review_litigation', 'review', 'total'])) + 2);
        expectedRules.push('appeal-total');
      }
      if (i % 7 === 5) {
        doc.setIn(['proactive', 'licensing', 'decisions'], String(doc.getIn(['proactive', 'licensing', 'decisions'])));
        expectedRules.push('schema');
      }
      text = doc.toString();
    }
    const file = join(dir, `report-${String(i + 1).padStart(2, '0')}.yaml`);
    writeFileSync(file, text);
    batch.push({ file, agency, expectedRules: expectedRules.sort() });
  }
  return batch;
}
