/**
 * @module The deploy template body (Ironic's `TEMPLATE_SCHEMA` and `TEMPLATE_VALIDATOR`):
 * a trait name (`CUSTOM_*` or a standard os-traits name), at least one deploy step, no step
 * twice, and a UUID if one is given.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { checkDuplicateSteps } from '../../step-templates.js'
import { pyStr } from '../../../common/python-repr.js'
import {
  argsSchemaMessage,
  validationError,
  type JsonSchema,
} from '../node-provision/jsonschema.js'
import { deployStepSchema } from '../node-provision/schema.js'
import { STANDARD_TRAITS } from '../node-traits/standard-traits.js'

/** `api_utils.TRAITS_SCHEMA`. */
export const TRAITS_SCHEMA: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  anyOf: [{ pattern: '^CUSTOM_[A-Z0-9_]+$' }, { enum: STANDARD_TRAITS }],
}

/** `TEMPLATE_SCHEMA`. */
export function templateSchema(minor: number): JsonSchema {
  return {
    type: 'object',
    properties: {
      description: { type: ['string', 'null'], maxLength: 255 },
      extra: { type: ['object', 'null'] },
      name: TRAITS_SCHEMA,
      steps: { type: 'array', items: deployStepSchema(minor), minItems: 1 },
      uuid: { type: ['string', 'null'] },
    },
    required: ['steps', 'name'],
    additionalProperties: false,
  }
}

/** Validate `value` as `args.schema` does; `name` is the argument named in the message. */
export function checkSchema(name: string, schema: JsonSchema, value: unknown): void {
  if (value === null || value === undefined) return
  const e = validationError(schema, value)
  if (e) throw new InvalidParameterValueError(argsSchemaMessage(name, e))
}

/** `TEMPLATE_VALIDATOR`: schema, duplicate steps, then `uuid`. `name` names the argument. */
export function validateTemplate(
  name: string,
  value: unknown,
  minor: number,
): Record<string, unknown> {
  checkSchema(name, templateSchema(minor), value)
  const template = value as Record<string, unknown>
  checkDuplicateSteps(template.steps as { interface: string; step: string }[], 'A deploy template')
  const uuid = template.uuid
  if (uuid !== undefined && uuid !== null && !isUuidLike(uuid)) {
    throw new InvalidParameterValueError(`Expected UUID for uuid: ${pyStr(uuid)}`)
  }
  return template
}
