// Deterministic generator of realistic reports (~5 KB) of both templates, valid and invalid,
// written as YAML (block or flow rows, like the examples) and as JSON. Used by bench/run.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PARTS = ['natural_person', 'commercial', 'research', 'nonprofit', 'legal_service', 'other'];
const APPEAL_PARTS = ['upheld', 'corrected', 'other', 'pending'];

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASES = {
  2019: parse(readFileSync(join(ROOT, 'fixtures/examples/2020-wanglejing.yaml'), 'utf8')),
  2021: parse(readFileSync(join(ROOT, 'fixtures/examples/2021-county-market-regulation.yaml'), 'utf8')),
};

const AGENCIES = ['人民政府', '发展和改革局', '教育局', '公安局', '民政局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会', '应急管理局', '审计局', '市场监督管理局', '统计局'];
const PLACES = ['盐池县', '同心县', '永宁县', '贺兰县', '平罗县', '隆德县', '泾源县', '彭阳县', '西吉县', '海原县', '中宁县', '青铜峡市', '灵武市'];
const SENTENCES = [
  '我单位高度重视政府信息公开工作，调整充实了政务公开领导小组，明确分管领导和具体工作人员。',
  '严格落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。',
  '全年通过政府门户网站主动公开政府信息，其中政策解读、财政预决算、重大建设项目信息均按时发布。',
  '认真做好依申请公开工作，畅通受理渠道，规范办理流程，所有申请均在法定期限内答复。',
  '加强政府信息公开平台建设，及时更新栏目内容，确保信息发布准确、及时、完整。',
  '严格执行信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”原则。',
  '开展“政府开放日”活动，邀请群众代表走进机关，提高政府服务质量和透明度。',
  '组织政务公开业务培训，提升工作人员的公开意识和业务能力。',
  '一是主动公开的意识还不够强。二是公开信息的质量和时效有待提升。',
  '三是信息公开队伍建设有待加强。四是群众参与度有待进一步提高。',
];

const pick = (r, list) => list[Math.floor(r() * list.length)];
const int = (r, max) => Math.floor(r() * (max + 1));
const clone = (v) => JSON.parse(JSON.stringify(v));

function paragraph(r, sentences) {
  const lines = [];
  for (let i = 0; i < sentences; i++) lines.push(pick(r, SENTENCES));
  return lines.join('\n') + '\n';
}

function row(parts) {
  const out = {};
  let total = 0;
  for (const p of PARTS) {
    out[p] = parts[p];
    total += parts[p];
  }
  out.total = total;
  return out;
}

/** A report whose every relation of rules.md adds up (applications and appeals randomised). */
function validReport(r, template, index) {
  const report = clone(BASES[template]);
  report.year = template === 2019 ? pick(r, [2019, 2020]) : 2021 + int(r, 4);
  // One report per agency, as in a province's folder for one year (no accidental cross-year pairs).
  report.agency = `${pick(r, PLACES)}第${index + 1}片区${pick(r, AGENCIES)}`;
  report.overview = paragraph(r, 6 + int(r, 4));
  report.problems = paragraph(r, 3 + int(r, 2));
  const a = report.applications;
  const outcomeSum = Object.fromEntries(PARTS.map((p) => [p, 0]));
  const randomRow = () => {
    const parts = Object.fromEntries(PARTS.map((p) => [p, r() < 0.5 ? 0 : int(r, p === 'natural_person' ? 40 : 5)]));
    for (const p of PARTS) outcomeSum[p] += parts[p];
    return row(parts);
  };
  for (const [group, value] of Object.entries(a.outcomes)) {
    if (group === 'total') continue;
    if ('total' in value) a.outcomes[group] = randomRow();
    else for (const key of Object.keys(value)) value[key] = randomRow();
  }
  a.outcomes.total = row(outcomeSum);
  const forward = Object.fromEntries(PARTS.map((p) => [p, int(r, 3)]));
  const over = Object.fromEntries(PARTS.map((p) => [p, Math.min(int(r, 3), outcomeSum[p] + forward[p])]));
  a.carried_forward = row(forward);
  a.carried_over = row(over);
  a.received = row(Object.fromEntries(PARTS.map((p) => [p, outcomeSum[p] + forward[p] - over[p]])));
  for (const group of Object.keys(report.review_litigation)) {
    const parts = Object.fromEntries(APPEAL_PARTS.map((p) => [p, int(r, 6)]));
    report.review_litigation[group] = { ...parts, total: APPEAL_PARTS.reduce((s, p) => s + parts[p], 0) };
  }
  return report;
}

/**
 * Mistakes clerks make that ajv-cli can also read: arithmetic (caught only by report-lint) and
 * schema errors. No YAML syntax errors: ajv-cli stops the whole batch at the first one.
 */
function breakReport(r, report) {
  const a = report.applications;
  switch (int(r, 4)) {
    case 0: a.carried_forward.natural_person += 1 + int(r, 3); break; // balance
    case 1: a.outcomes.disclosed.commercial += 1; break; // row total and outcome total
    case 2: report.review_litigation.review.total += 2; break; // appeal total
    case 3: a.received.research = String(a.received.research); break; // schema: quoted number
    default: a.outcomes.disclosed.natral_person = 1; break; // schema: typo key
  }
  return report;
}

const isPlainSafe = (s) => /^[^\s\-?:,[\]{}#&*!|>'"%@`0-9.+~]/.test(s) && !/[:#]|\s$|\n/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s);

/** YAML in the examples' two styles: flow rows of numbers, or everything in block style. */
export function toYaml(value, flowRows, indent = '') {
  let out = '';
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') {
      const numbers = Object.values(v).every((x) => typeof x === 'number');
      if (flowRows && numbers) out += `${indent}${key}: { ${Object.entries(v).map(([k, x]) => `${k}: ${x}`).join(', ')} }\n`;
      else out += `${indent}${key}:\n${toYaml(v, flowRows, indent + '  ')}`;
    } else if (typeof v === 'string' && v.includes('\n')) {
      out += `${indent}${key}: |\n${v.replace(/\n$/, '').split('\n').map((l) => `${indent}  ${l}`).join('\n')}\n`;
    } else if (typeof v === 'string') {
      out += `${indent}${key}: ${isPlainSafe(v) || /^\d{4}-\d\d-\d\d$/.test(v) ? v : JSON.stringify(v)}\n`;
    } else {
      out += `${indent}${key}: ${v}\n`;
    }
  }
  return out;
}

/** Write `count` reports as `<dir>/NNNNN.<ext>`; `invalidShare` of them with one mistake. Returns the number of invalid ones. */
export function generate(dir, count, { format, seed = 2026, invalidShare = 0.1 }) {
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  let invalid = 0;
  for (let i = 0; i < count; i++) {
    const template = r() < 0.5 ? 2019 : 2021;
    let report = validReport(r, template, i);
    const bad = r() < invalidShare;
    if (bad) {
      report = breakReport(r, report);
      invalid++;
    }
    const flowRows = r() < 0.5;
    const name = join(dir, `${String(i).padStart(5, '0')}.${format === 'json' ? 'json' : 'yaml'}`);
    const header = `# ${report.agency} ${report.year} 年政府信息公开工作年度报告 (template ${template})\n`;
    writeFileSync(name, format === 'json' ? JSON.stringify(report, null, 2) + '\n' : header + toYaml(report, flowRows));
  }
  return invalid;
}
