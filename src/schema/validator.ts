import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSchemas } from './schemas.js';

// ajv-formats is CommonJS; under nodenext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let ajvInstance: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** One Ajv holding every schema file, created on first use. */
function ajv(): Ajv {
  if (!ajvInstance) {
    // multipleOfPrecision: money is checked to 4 decimals; 1e-6 absorbs binary float noise only.
    ajvInstance = new Ajv({ allErrors: true, strict: true, multipleOfPrecision: 6 });
    addFormats(ajvInstance, ['date']);
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
  return validatorForRef(`report-${template}.schema.json`);
}

export function validate(template: 2019 | 2021, data: unknown): ErrorObject[] {
  const v = validatorFor(template);
  return v(data) ? [] : [...(v.errors ?? [])];
}

/** Does `value` match the schema at reference `ref` (see schemaRefAt)? */
export function matchesRef(ref: string, value: unknown): boolean {
  return validatorForRef(ref)(value) === true;
}
