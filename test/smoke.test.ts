import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/lint.js';

describe('smoke', () => {
  it('the worked example lints clean', () => {
    const r = lintSource(readFileSync('fixtures/examples/2020-wanglejing.yaml'), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
  });
});
