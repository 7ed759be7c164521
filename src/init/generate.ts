import { propertiesAt, type JsonSchema } from '../check/schema/schemas.js';
import type { Template } from '../report-shape.js';

/** Text that `init` puts into every free-text section; the schema rejects it (common.schema.json text/not). */
export const PLACEHOLDER_PREFIX = '【请填写';

export interface BlankReportOptions {
  template: Template;
  year: number;
  agency: string;
  /** What editors resolve the schema from: a path relative to the report file (src/init/schema-copy.ts). */
  schemaRef: string;
}

/** The top-level keys in the order of the official report, and which of them are free text. */
const TOP_ORDER = ['template', 'year', 'agency', 'published', 'overview', 'proactive', 'applications', 'review_litigation', 'problems', 'other_matters'] as const;
const TEXT_SECTIONS = new Set(['overview', 'problems', 'other_matters']);

/** A child of a mapping as the schema describes it: a leaf number, a row of numbers, or a group of rows. */
interface Node {
  key: string;
  title: string;
  children: Node[];
}

/** The report's tree of mappings and numbers, read from the template's schema (titles are the official labels). */
function tree(template: Template, path: string[]): Node[] {
  const props: Record<string, JsonSchema> = propertiesAt(template, path);
  return Object.entries(props).map(([key, schema]) => ({
    key,
    title: schema.title ?? key,
    children: tree(template, [...path, key]),
  }));
}

const isRow = (n: Node) => n.children.length > 0 && n.children.every((c) => c.children.length === 0);

export function placeholderFor(title: string, key: string): string {
  return key === 'other_matters' ? `${PLACEHOLDER_PREFIX}：${title}；没有则填“无”】` : `${PLACEHOLDER_PREFIX}：${title}】`;
}

function topLevel(template: Template): Map<string, Node> {
  return new Map(tree(template, []).map((n) => [n.key, n]));
}

/** The deadline of 条例 第四十九条: 1月31日 of the following year (a hint in the comment only). */
const deadlineHint = (year: number) => `${year + 1}-01-31`;

/**
 * A blank report as YAML text: every count 0, every text section a placeholder, and a comment
 * naming the official label on every row, so the file reads like the printed table.
 */
export function blankYaml(o: BlankReportOptions): string {
  const top = topLevel(o.template);
  const lines: string[] = [
    `# yaml-language-server: $schema=${o.schemaRef}`,
    `# ${o.agency} ${o.year} 年政府信息公开工作年度报告（template ${o.template}）`,
    '# 由 report-lint init 生成：把 0 改为实际数字，替换每一处【请填写…】，再运行 report-lint --fix 与 report-lint 检查。',
  ];
  for (const key of TOP_ORDER) {
    const node = top.get(key)!;
    if (key === 'template') lines.push(`template: ${o.template}  # ${node.title}`);
    else if (key === 'year') lines.push(`year: ${o.year}  # ${node.title}`);
    else if (key === 'agency') lines.push(`agency: ${yamlString(o.agency)}  # ${node.title}`);
    else if (key === 'published') lines.push(`# published: ${deadlineHint(o.year)}  # ${node.title}（公布后填写，格式 YYYY-MM-DD）`);
    else if (TEXT_SECTIONS.has(key)) {
      lines.push('', `${key}: |  # ${node.title}`, `  ${placeholderFor(node.title, key)}`);
    } else {
      lines.push('', `${key}:  # ${node.title}`);
      yamlChildren(node.children, 1, lines);
    }
  }
  return lines.join('\n') + '\n';
}

function yamlChildren(nodes: Node[], depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const rows = nodes.filter(isRow);
  const width = Math.max(0, ...rows.map((n) => n.key.length + 1));
  // The applicant columns are the same on every row of 三: name them once, above the first row.
  const columns = rows[0]?.children;
  if (columns && columns.length === 7 && depth === 1) {
    out.push(`${indent}# 各行的列：${columns.map((c) => `${c.key} ${c.title}`).join('，')}`);
  }
  for (const n of nodes) {
    if (isRow(n)) {
      const cells = n.children.map((c) => `${c.key}: 0`).join(', ');
      const legend = n.children.length === 7 ? '' : `：${n.children.map((c) => c.title).join(' / ')}`;
      out.push(`${indent}${(n.key + ':').padEnd(width)} { ${cells} }  # ${n.title}${legend}`);
    } else if (n.children.length === 0) {
      out.push(`${indent}${n.key}: 0  # ${n.title}`);
    } else {
      out.push(`${indent}${n.key}:  # ${n.title}`);
      yamlChildren(n.children, depth + 1, out);
    }
  }
}

/** A YAML scalar for the agency name: plain when that is safe, double-quoted otherwise. */
function yamlString(s: string): string {
  return /^[\p{L}\p{N}（）()·\-_ ]+$/u.test(s) && !/^\s|\s$/.test(s) && !/^\d/.test(s) ? s : JSON.stringify(s);
}

/**
 * The same blank report as JSON. JSON has no comments: `$schema` gives editors the labels
 * (hover) and completion instead. Each row stays on one line, as in the printed table.
 */
export function blankJson(o: BlankReportOptions): string {
  const top = topLevel(o.template);
  const entries: string[] = [`  "$schema": ${JSON.stringify(o.schemaRef)}`];
  for (const key of TOP_ORDER) {
    const node = top.get(key)!;
    if (key === 'published') continue;
    let value: string;
    if (key === 'template') value = String(o.template);
    else if (key === 'year') value = String(o.year);
    else if (key === 'agency') value = JSON.stringify(o.agency);
    else if (TEXT_SECTIONS.has(key)) value = JSON.stringify(placeholderFor(node.title, key));
    else value = jsonObject(node.children, 1);
    entries.push(`  ${JSON.stringify(key)}: ${value}`);
  }
  return `{\n${entries.join(',\n')}\n}\n`;
}

function jsonObject(nodes: Node[], depth: number): string {
  const indent = '  '.repeat(depth + 1);
  const items = nodes.map((n) => {
    let value: string;
    if (n.children.length === 0) value = '0';
    else if (isRow(n)) value = `{ ${n.children.map((c) => `${JSON.stringify(c.key)}: 0`).join(', ')} }`;
    else value = jsonObject(n.children, depth + 1);
    return `${indent}${JSON.stringify(n.key)}: ${value}`;
  });
  return `{\n${items.join(',\n')}\n${'  '.repeat(depth)}}`;
}
