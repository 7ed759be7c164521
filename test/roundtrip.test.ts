import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importText } from '../src/import/index.js';
import { renderReport, RENDER_TARGETS } from '../src/render/index.js';
import { comparable, loadFixture, validFixtures } from './helpers/report-compare.js';
import { arbitraryReport } from './helpers/report-arbitrary.js';

const fixtures = validFixtures();

describe('round trip: import(render(r, to)) equals r', () => {
  it('finds the valid fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of fixtures) {
    for (const to of RENDER_TARGETS) {
      it(`${file} via ${to}`, () => {
        const report = loadFixture(file);
        const imported = importText(renderReport(report, to), to);
        expect(comparable(imported.report)).toEqual(comparable(report));
        expect(imported.notes.filter((n) => n.severity === 'warning')).toEqual([]);
      });
    }
  }

  it('holds for generated valid reports of both templates', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.constantFrom(...RENDER_TARGETS), (report, to) => {
        const imported = importText(renderReport(report, to), to);
        expect(comparable(imported.report)).toEqual(comparable(report));
        expect(imported.notes.filter((n) => n.severity === 'warning')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
