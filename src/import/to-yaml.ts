/** The imported report as a YAML report file: one row per line, as people write them by hand. */
import { Document, isScalar, visit } from 'yaml';
import { sanitize } from '../util/sanitize.js';

export function toYaml(report: Record<string, unknown>, source: string): string {
  const doc = new Document(report);
  visit(doc, {
    Map(_, node) {
      // A table row (a mapping of numbers) on one line, like the worked example.
      if (node.items.length > 0 && node.items.every((p) => isScalar(p.value) && typeof p.value.value !== 'string')) node.flow = true;
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
    },
  });
  doc.commentBefore = ` 由 report-lint import 从 ${sanitize(source)} 生成；导入时的说明见命令输出，null 表示无法确定的值`;
  return doc.toString({ lineWidth: 0 });
}
