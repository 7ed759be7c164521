import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { validate2019, validate2021 } from './compiled/validators.js';
import { loadSchemas } from './schemas.js';

/**
 * The two report schemas are compiled to standalone validator code at build time
 * (scripts/build-validators.mjs → ./compiled/validators.ts, same Ajv options as below), so a
 * run neither loads Ajv nor compiles a schema. Ajv itself is loaded only when a file with
 * schema errors needs matchesRef.
 */
const compiled: Record<2019 | 2021, ValidateFunction> = {
  2019: validate2019 as ValidateFunction,
  2021: validate2021 as ValidateFunction,
};

const require = createRequire(import.meta.url);
let ajvInstance: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** One Ajv holding every schema file, created on first use. */
function ajv(): Ajv {
  if (!ajvInstance) {
    const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
    // ajv-formats is CommonJS: the plugin is the module (and its .default).
    const formats = require('ajv-formats') as { default?: (ajv: Ajv, names: string[]) => Ajv } & ((ajv: Ajv, names: string[]) => Ajv);
    // multipleOfPrecision: money is checked to 4 decimals; 1e-6 absorbs binary float noise only.
    ajvInstance = new AjvClass({ allErrors: true, strict: true, multipleOfPrecision: 6 });
    (formats.default ?? formats)(ajvInstance, ['date']);
    for (const schema of loadSchemas().values()) ajvInstance.addSchema(schema);
  }
  return ajvInstance;
}

/** The validator of a schema reference (`file#/json/pointer`), compiled once per process. */
function validatorForRef(ref: string): ValidateFunction {
  let v = validators.get(ref);
  if (!v) {
    v = ajv().getSchema(ref);
    if (!v) throw new Error(`no schema ${ref}`);
    validators.set(ref, v);
  }
  return v;
}

/** The validator of one template's report schema. */
export function validatorFor(template: 2019 | 2021): ValidateFunction {
  return compiled[template];
}

export function validate(template: 2019 | 2021, data: unknown): ErrorObject[] {
  const v = validatorFor(template);
  return v(data) ? [] : [...(v.errors ?? [])];
}

/** Does `value` match the schema at reference `ref` (see schemaRefAt)? */
export function matchesRef(ref: string, value: unknown): boolean {
  return validatorForRef(ref)(value) === true;
}
