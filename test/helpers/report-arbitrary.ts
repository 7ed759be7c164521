/** fast-check generator of valid reports of both templates (schema-valid, arithmetic holds). */
import fc from 'fast-check';
import { dataRows, tableModels } from '../../src/render/layout.js';
import { APPLICANT_PARTS, type Template } from '../../src/report-shape.js';

const sentence = fc
  .array(fc.constantFrom('本机关', '政府信息', '公开', '工作', '进一步', '加强', '申请', '办理', '平台', '制度', '2021年', '群众', '“两项补贴”', '，', '、'), { minLength: 1, maxLength: 12 })
  .chain((words) => fc.constantFrom('。', '；', '', '：').map((end) => words.join('').replace(/^[，、]+/, '') + end))
  .filter((s) => s.length > 1 && !/^[。；：]/.test(s));
const text = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((ps) => ps.join('\n'));
const agency = fc.constantFrom('某某县人民政府', '某某市市场监督管理局', '某某区人民政府办公室', '某某省交通运输厅', '盐池县王乐井乡人民政府');

function row(parts: readonly string[], total: string, max: number) {
  return fc.array(fc.nat({ max }), { minLength: parts.length, maxLength: parts.length }).map((values) => {
    const out: Record<string, number> = {};
    parts.forEach((p, i) => (out[p] = values[i]!));
    out[total] = values.reduce((a, b) => a + b, 0);
    return out;
  });
}

const money = fc.integer({ min: 0, max: 99_999_999 }).map((yuan) => yuan / 10000);

export function arbitraryReport(): fc.Arbitrary<Record<string, unknown>> {
  return fc.constantFrom<Template>(2019, 2021).chain((template) => {
    const year = template === 2019 ? fc.constantFrom(2019, 2020) : fc.integer({ min: 2021, max: 2030 });
    const [proactive, applications, review] = tableModels(template);
    const proactiveArb = fc.record(
      Object.fromEntries(
        dataRows(proactive!).map((r) => [
          r.path[1]!,
          fc.record(Object.fromEntries(r.values.map((v) => [v.path[2]!, v.kind === 'money' ? money : v.kind === 'change' ? fc.integer({ min: -50, max: 50 }) : fc.nat({ max: 500 })]))),
        ]),
      ),
    );
    const appRows = dataRows(applications!).filter((r) => !(r.path[1] === 'outcomes' && r.path[2] === 'total') && r.path[1] !== 'carried_forward');
    const appArb = fc.tuple(...appRows.map(() => row(APPLICANT_PARTS, 'total', 30))).map((values) => {
      const app: Record<string, any> = {};
      const set = (path: string[], v: unknown) => {
        let node = app;
        path.slice(1, -1).forEach((k) => (node = node[k] ??= {}));
        node[path[path.length - 1]!] = v;
      };
      appRows.forEach((r, i) => set(r.path, values[i]));
      // （七）总计 and 四、结转 follow from the rows so that every total and the balance hold.
      const outcomeRows = appRows.filter((r) => r.path[1] === 'outcomes');
      const sum = (rows: typeof appRows, key: string) => rows.reduce((a, r) => a + values[appRows.indexOf(r)]![key]!, 0);
      const total: Record<string, number> = {};
      for (const key of [...APPLICANT_PARTS, 'total']) total[key] = sum(outcomeRows, key);
      set(['applications', 'outcomes', 'total'], total);
      const received = values[0]!;
      const carried = values[1]!;
      const forward: Record<string, number> = {};
      for (const key of [...APPLICANT_PARTS, 'total']) forward[key] = received[key]! + carried[key]! + 0;
      // Keep the balance: received + carried_over = outcomes total + carried_forward → raise received where needed.
      for (const key of [...APPLICANT_PARTS, 'total']) {
        const need = total[key]! - (received[key]! + carried[key]!);
        if (need > 0) received[key] = received[key]! + need;
        forward[key] = received[key]! + carried[key]! - total[key]!;
      }
      set(['applications', 'carried_forward'], forward);
      // Reorder keys as the table does.
      const ordered: Record<string, unknown> = {};
      for (const r of dataRows(applications!)) if (!(r.path[1]! in ordered)) ordered[r.path[1]!] = app[r.path[1]!];
      return ordered;
    });
    const reviewArb = fc.record(Object.fromEntries(['review', 'lawsuit_direct', 'lawsuit_after_review'].map((g) => [g, row(['upheld', 'corrected', 'other', 'pending'], 'total', 9)])));
    void review;
    return fc.record({
      template: fc.constant(template),
      year,
      agency,
      overview: text,
      proactive: proactiveArb,
      applications: appArb,
      review_litigation: reviewArb,
      problems: text,
      other_matters: fc.oneof(fc.constant('无'), text),
    });
  });
}
