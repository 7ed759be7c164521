import type { Rule } from '../../types.js';

/**
 * template 2019 covers report years 2019–2020, template 2021 covers 2021 on. Reported at
 * `template` (the year is usually right and the template copied from an old report),
 * except for a year before 2019, which no template fits.
 */
const rule: Rule = {
  meta: {
    id: 'template-year',
    severity: 'error',
    reads: ['template', 'year'],
    messages: { tooEarly: 'template-year.tooEarly', wrongTemplate: 'template-year.wrongTemplate' },
  },
  check(report, ctx) {
    const { template, year } = report as { template: 2019 | 2021; year: number };
    if (year < 2019) {
      ctx.report({ messageId: 'tooEarly', path: ['year'], data: { year } });
      return;
    }
    const expectedTemplate = year <= 2020 ? 2019 : 2021;
    if (template !== expectedTemplate) {
      ctx.report({
        messageId: 'wrongTemplate',
        path: ['template'],
        data: { template, year, expectedTemplate, range: ctx.text(`range.${template}`) },
      });
    }
  },
};
export default rule;
