import Ajv, { ValidateFunction } from 'ajv';
import { z } from 'zod';
import { addResourceValuesSchema } from '../addResource';
import { environmentValuesSchema } from '../environment';
import {
  FieldError,
  parseValues,
  rejectCredentials,
  TemplateInputError,
} from '../inputs';
import { serviceValuesSchema } from '../service';

/**
 * A template's values schema: one of Forja's own (`builtin`: the rules its three templates
 * share with the price catalog, such as the regions priced and the registry formats) or a
 * JSON Schema of the template's own. Either way a value that looks like a stored
 * credential is refused.
 */
export const valuesSpecSchema = z.union([
  z
    .object({ builtin: z.enum(['service', 'environment', 'add-resource']) })
    .strict(),
  z.object({ schema: z.record(z.string(), z.unknown()) }).strict(),
]);
export type ValuesSpec = z.infer<typeof valuesSpecSchema>;

const BUILTIN = {
  service: serviceValuesSchema,
  environment: environmentValuesSchema,
  'add-resource': addResourceValuesSchema,
};

const KEYWORD_MESSAGES: Record<string, string> = {
  required: 'is required',
  additionalProperties: 'is not a field of this template',
};

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
const noCredentials = z
  .unknown()
  .superRefine((v, ctx) => rejectCredentials(v, ctx));

/** Checks values against the spec, throwing field-level errors; returns them with defaults. */
export function parseTemplateValues(
  spec: ValuesSpec,
  values: unknown,
): unknown {
  if ('builtin' in spec) return parseValues(BUILTIN[spec.builtin], values);
  const key = JSON.stringify(spec.schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(spec.schema);
    if (compiled.size > 100) compiled.clear();
    compiled.set(key, validate);
  }
  const copy = structuredClone(values);
  const errors: FieldError[] = [];
  if (!validate(copy)) {
    for (const e of validate.errors ?? []) {
      const field = [
        ...e.instancePath.split('/').slice(1),
        ...(e.keyword === 'required' ? [String(e.params.missingProperty)] : []),
        ...(e.keyword === 'additionalProperties'
          ? [String(e.params.additionalProperty)]
          : []),
      ].join('.');
      errors.push({
        field,
        message: KEYWORD_MESSAGES[e.keyword] ?? e.message ?? 'is invalid',
      });
    }
  }
  const credentials = noCredentials.safeParse(copy);
  if (!credentials.success) {
    errors.push(
      ...credentials.error.issues.map(i => ({
        field: i.path.join('.'),
        message: i.message,
      })),
    );
  }
  if (errors.length) throw new TemplateInputError(errors);
  return copy;
}
