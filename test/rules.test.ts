/**
 * One test per fixture under fixtures/rules/<rule-id>/: `valid-*` files must lint with no
 * diagnostic at all, `invalid-*` files must produce exactly the diagnostics their
 * `# expect:` markers name. New rule folders are picked up automatically.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/check/lint.js';
import { expectDiagnosticsToMatch, expectedMarkers, expectRenderedMessages, fixtureFiles, fixtureOptions } from './helpers/markers.js';

const ROOT = 'fixtures/rules';
const ruleDirs = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory()).sort();

for (const ruleId of ruleDirs) {
  describe(ruleId, () => {
    // Only valid-*/invalid-* are fixtures; other files (e.g. last year's report) are helpers.
    const files = fixtureFiles(join(ROOT, ruleId)).filter((f) => /^(valid|invalid)-/.test(basename(f)));
    it('has fixtures', () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(basename(file), () => {
        const result = lintSource(readFileSync(file), file, fixtureOptions(file));
        const markers = expectedMarkers(file);
        if (basename(file).startsWith('valid-')) {
          expect(markers, 'a valid-* fixture carries no markers').toEqual([]);
        } else {
          expect(markers.length, 'an invalid-* fixture needs at least one marker').toBeGreaterThan(0);
        }
        expectDiagnosticsToMatch(result, markers);
        expectRenderedMessages(result.diagnostics);
      });
    }
  });
}
