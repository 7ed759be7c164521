import { prepare, sumStatements } from '../narrative/prose.js';
import { MAX_PROSE_CHARS, proseOf, PROSE_SECTIONS } from '../narrative/sections.js';
import type { Rule } from '../../types.js';

/**
 * In 一、总体情况, 五、存在的主要问题 and 六、其他需要报告的事项: a stated total and its parts
 * (“累计主动公开信息136条，其中包括政策解读30条，…”) must add up: the parts may not exceed the
 * total, and must reach it when the list says it is complete (分别为…, …其他N条). Silent on any
 * sentence it does not fully understand (src/check/narrative/prose.ts).
 */
const rule: Rule = {
  meta: {
    id: 'narrative-sum',
    severity: 'warning',
    reads: [...PROSE_SECTIONS],
    messages: { mismatch: 'narrative-sum.mismatch', tooLong: 'narrative-sum.tooLong' },
  },
  check(report, ctx) {
    for (const { section, text, fullLength } of proseOf(report)) {
      // Only the beginning was read: say so, so that the rest does not pass as checked.
      if (fullLength !== undefined) ctx.report({ messageId: 'tooLong', path: [section], data: { length: fullLength, limit: MAX_PROSE_CHARS, checked: text.length } });
      const prose = prepare(text);
      for (const s of sumStatements(prose)) {
        const sum = s.parts.reduce((a, p) => a + p.value, 0);
        // Parts beyond the total always contradict it; parts short of it only when the list claims to be complete.
        if (sum === s.total || (sum < s.total && !s.exhaustive)) continue;
        ctx.report({
          messageId: 'mismatch',
          path: [section],
          expected: sum,
          actual: s.total,
          textOffset: prose.offsets[s.totalAt] ?? 0,
          data: { quote: s.quote, addends: s.parts.map((p) => `${short(p.label)} ${p.value}`).join(' + ') },
        });
      }
    }
  },
};

const short = (label: string) => (label.length > 10 ? label.slice(0, 9) + '…' : label);
export default rule;
