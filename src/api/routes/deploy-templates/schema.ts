/**
 * @module The deploy template body (Ironic's `TEMPLATE_SCHEMA` and `TEMPLATE_VALIDATOR`):
 * a trait name (`CUSTOM_*` or a standard os-traits name), at least one deploy step, no step
 * twice, and a UUID if one is given.
 */
import { IronicError, InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { pyStr } from '../node-misc/args.js'
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

/** `duplicate_steps`: an interface/step pair at most once. */
function checkDuplicateSteps(steps: readonly { interface: string; step: string }[]): void {
  const seen = new Set<string>()
  const dups: string[] = []
  for (const s of steps) {
    const key = `interface: ${s.interface}, step: ${s.step}`
    if (seen.has(key) && !dups.includes(key)) dups.push(key)
    seen.add(key)
  }
  if (dups.length === 0) return
  throw new IronicError(
    'Deploy template invalid: Duplicate deploy steps. A deploy template cannot have multiple deploy steps ' +
      `with the same interface and step. Duplicates: ${dups.join('; ')}.`,
    { code: 'INVALID_DEPLOY_TEMPLATE', status: 400 },
  )
}

/** `TEMPLATE_VALIDATOR`: schema, duplicate steps, then `uuid`. `name` names the argument. */
export function validateTemplate(
  name: string,
  value: unknown,
  minor: number,
): Record<string, unknown> {
  checkSchema(name, templateSchema(minor), value)
  const template = value as Record<string, unknown>
  checkDuplicateSteps(template.steps as { interface: string; step: string }[])
  const uuid = template.uuid
  if (uuid !== undefined && uuid !== null && !isUuidLike(uuid)) {
    throw new InvalidParameterValueError(`Expected UUID for uuid: ${pyStr(uuid)}`)
  }
  return template
}
