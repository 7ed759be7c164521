import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadSchemas } from './schemas.js';

// ajv-formats is CommonJS; under nodenext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const validators = new Map<number, ValidateFunction>();

/** The validator of one template's report schema, compiled once per process. */
export function validatorFor(template: 2019 | 2021): ValidateFunction {
  let v = validators.get(template);
  if (!v) {
    // multipleOfPrecision: money is checked to 4 decimals; 1e-6 absorbs binary float noise only.
    const ajv = new Ajv({ allErrors: true, strict: true, multipleOfPrecision: 6 });
    addFormats(ajv, ['date']);
    for (const schema of loadSchemas().values()) ajv.addSchema(schema);
    v = ajv.getSchema(`report-${template}.schema.json`)!;
    validators.set(template, v);
  }
  return v;
}

export function validate(template: 2019 | 2021, data: unknown): ErrorObject[] {
  const v = validatorFor(template);
  return v(data) ? [] : [...(v.errors ?? [])];
}
