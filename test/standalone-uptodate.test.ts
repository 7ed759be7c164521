import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without type declarations
import { generate, OUTPUT } from '../scripts/build-validators.mjs';
import { validate } from '../src/check/schema/validator.js';

describe('standalone schema validators', () => {
  it('src/check/schema/compiled/validators.ts is generated from the current schemas/ (run `npm run build` if not)', () => {
    const current = readFileSync(OUTPUT, 'utf8');
    // Compare as a boolean first so a stale file gives one clear line, not a 180 KB diff.
    expect(current === generate(), 'compiled validators are stale: run `npm run build`').toBe(true);
  });

  it('the compiled validators reject what the schemas reject, with Ajv error objects', () => {
    const errors = validate(2019, { template: 2019, year: 'x', published: '2021-02-30' });
    const paths = errors.map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toContain('/year type');
    // ajv-formats' `date` is loaded on first use; 30 February is not a date.
    expect(paths).toContain('/published format');
    expect(validate(2021, { template: 2021 }).some((e) => e.keyword === 'required')).toBe(true);
  });
});
