import { createRequire } from 'node:module';
import type * as YAML from 'yaml';

/**
 * The `yaml` package's run-time values, loaded on first use. Loading `yaml` costs about as
 * much as starting Node itself; a report that takes the fast parse path (src/parse/fast/fast-path.ts)
 * never needs it, so the linting core imports these instead of `yaml` (types still come from
 * `yaml`). Same functions and classes: each wrapper calls the real one.
 */
const require = createRequire(import.meta.url);
let real: typeof YAML | undefined;
const yaml = (): typeof YAML => (real ??= require('yaml') as typeof YAML);

export const isAlias: typeof YAML.isAlias = ((node: unknown) => yaml().isAlias(node)) as typeof YAML.isAlias;
export const isMap: typeof YAML.isMap = ((node: unknown) => yaml().isMap(node)) as typeof YAML.isMap;
export const isPair: typeof YAML.isPair = ((node: unknown) => yaml().isPair(node)) as typeof YAML.isPair;
export const isScalar: typeof YAML.isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof YAML.isScalar;
export const isSeq: typeof YAML.isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof YAML.isSeq;
export const parseDocument: typeof YAML.parseDocument = ((...args: Parameters<typeof YAML.parseDocument>) =>
  yaml().parseDocument(...args)) as typeof YAML.parseDocument;

/** `new LineCounter()` and `new Lexer()` construct the real classes. */
export const LineCounter = function LineCounter() {
  return new (yaml().LineCounter)();
} as unknown as typeof YAML.LineCounter;
/** Also usable as the type, like the class it stands for. */
export type LineCounter = YAML.LineCounter;
export const Lexer = function Lexer() {
  return new (yaml().Lexer)();
} as unknown as typeof YAML.Lexer;
export type Lexer = YAML.Lexer;

/** Scalar's static type names (Scalar.PLAIN …), as the real class has them. */
export const Scalar = {
  get BLOCK_FOLDED() { return yaml().Scalar.BLOCK_FOLDED; },
  get BLOCK_LITERAL() { return yaml().Scalar.BLOCK_LITERAL; },
  get PLAIN() { return yaml().Scalar.PLAIN; },
  get QUOTE_DOUBLE() { return yaml().Scalar.QUOTE_DOUBLE; },
  get QUOTE_SINGLE() { return yaml().Scalar.QUOTE_SINGLE; },
} as const;
