/**
 * @module The runbook body as Ironic checks it: `RUNBOOK_SCHEMA` (name a trait) below 1.112,
 * the mutation schema of 1.112 (any RFC 3986 name, `description`, no `traits`) from 1.112 and
 * for every PATCH, and `RUNBOOK_STEP_SCHEMA`; then duplicate steps, then `uuid`.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import type { RunbookStep } from '../../../db/repos/runbooks.js'
import { checkDuplicateSteps } from '../../step-templates.js'
import { MINOR } from '../../versions.js'
import { TRAITS_SCHEMA } from '../deploy-templates/schema.js'
import { pyStr } from '../../../common/python-repr.js'
import {
  argsSchemaMessage,
  validationError,
  type JsonSchema,
} from '../node-provision/jsonschema.js'

/** `conductor_steps.CLEANING_INTERFACE_PRIORITY`, in its order. */
const STEP_INTERFACES = ['vendor', 'power', 'management', 'firmware', 'deploy', 'bios', 'raid']

const ORDER_SCHEMA: JsonSchema = {
  anyOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', minLength: 1, pattern: '^[0-9]+$' },
  ],
}

/** `api_utils.RUNBOOK_STEP_SCHEMA`: `args` may be left out. */
export const RUNBOOK_STEP_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    args: { type: 'object' },
    interface: { type: 'string', enum: STEP_INTERFACES },
    step: { type: 'string', minLength: 1 },
    order: ORDER_SCHEMA,
  },
  required: ['interface', 'step', 'order'],
  additionalProperties: false,
}

/** `RUNBOOK_NAME_SCHEMA` (1.112): RFC 3986 unreserved characters. */
const RUNBOOK_NAME_SCHEMA: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[A-Za-z0-9\\-._~]+$',
}

function runbookSchema(relaxed: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    uuid: { type: ['string', 'null'] },
    name: relaxed ? RUNBOOK_NAME_SCHEMA : TRAITS_SCHEMA,
    steps: { type: 'array', items: RUNBOOK_STEP_SCHEMA, minItems: 1 },
    disable_ramdisk: { type: ['boolean', 'null'] },
    extra: { type: ['object', 'null'] },
    public: { type: ['boolean', 'null'] },
    owner: { type: ['string', 'null'], maxLength: 255 },
  }
  if (relaxed) properties.description = { type: ['string', 'null'], maxLength: 255 }
  return { type: 'object', properties, required: ['steps', 'name'], additionalProperties: false }
}

/** `RUNBOOK_SCHEMA` (below 1.112). */
const RUNBOOK_SCHEMA = runbookSchema(false)

/** `RUNBOOK_MUTATION_SCHEMA_V112`: creation from 1.112, and every PATCH. */
export const RUNBOOK_MUTATION_SCHEMA = runbookSchema(true)

/** The schema a POST at this version is checked with (`_get_runbook_schema`). */
export function createSchema(minor: number): JsonSchema {
  return minor >= MINOR.RUNBOOK_TRAITS ? RUNBOOK_MUTATION_SCHEMA : RUNBOOK_SCHEMA
}

/**
 * `args.schema`, but a missing value is an error too: Ironic skips the schema for a `null`
 * body and then fails with a 500; Anvil answers 400.
 */
export function checkRequired(name: string, schema: JsonSchema, value: unknown): void {
  const e = validationError(schema, value ?? null)
  if (e) throw new InvalidParameterValueError(argsSchemaMessage(name, e))
}

/** The runbook validator: schema, duplicate steps, then `uuid`. `name` names the argument. */
export function validateRunbook(
  name: string,
  value: unknown,
  schema: JsonSchema,
): Record<string, unknown> {
  checkRequired(name, schema, value)
  const runbook = value as Record<string, unknown>
  checkDuplicateSteps(runbook.steps as { interface: string; step: string }[], 'A template')
  const uuid = runbook.uuid
  if (uuid !== undefined && uuid !== null && !isUuidLike(uuid)) {
    throw new InvalidParameterValueError(`Expected UUID for uuid: ${pyStr(uuid)}`)
  }
  return runbook
}

/** Steps as stored: `args` defaults to `{}`, an order given as a digit string is a number. */
export function storedSteps(steps: unknown): RunbookStep[] {
  return (steps as Record<string, unknown>[]).map((s) => ({
    interface: String(s.interface),
    step: String(s.step),
    args: (s.args ?? {}) as Record<string, unknown>,
    order: Number(s.order),
  }))
}
