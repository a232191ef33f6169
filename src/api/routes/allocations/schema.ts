/**
 * @module The allocation body (Ironic's `ALLOCATION_SCHEMA` and `ALLOCATION_VALIDATOR`), and
 * the checks of a create request that need no database.
 */
import { IronicError, InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { MINOR } from '../../versions.js'
import { pyStr } from '../../../common/python-repr.js'
import type { JsonSchema } from '../node-provision/jsonschema.js'
import { isLogicalName } from '../ports/args.js'
import { notAcceptable } from '../../query.js'
import { checkSchema, TRAITS_SCHEMA } from '../deploy-templates/schema.js'

/** `ALLOCATION_SCHEMA`. */
export const ALLOCATION_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    candidate_nodes: { type: ['array', 'null'], items: { type: 'string' } },
    extra: { type: ['object', 'null'] },
    name: { type: ['string', 'null'] },
    node: { type: ['string', 'null'] },
    owner: { type: ['string', 'null'] },
    resource_class: { type: ['string', 'null'], maxLength: 80 },
    traits: { type: ['array', 'null'], items: TRAITS_SCHEMA },
    uuid: { type: ['string', 'null'] },
  },
  additionalProperties: false,
}

/** `ALLOCATION_VALIDATOR`: the schema, then `uuid`. */
export function validateAllocation(name: string, value: unknown): Record<string, unknown> {
  checkSchema(name, ALLOCATION_SCHEMA, value)
  const allocation = (value ?? {}) as Record<string, unknown>
  const uuid = allocation.uuid
  if (uuid !== undefined && uuid !== null && !isUuidLike(uuid)) {
    throw new InvalidParameterValueError(`Expected UUID for uuid: ${pyStr(uuid)}`)
  }
  return allocation
}

/** `_check_allowed_allocation_fields`: `owner` needs 1.60. */
export function checkOwnerAllowed(names: Iterable<string> | undefined, minor: number): void {
  if (names === undefined) return
  for (const n of names) if (n === 'owner' && minor < MINOR.ALLOCATION_OWNER) throw notAcceptable()
}

/** Ironic's bare `Invalid` (400) with a message. */
export function invalid(message: string): IronicError {
  return new IronicError(message, { code: 'INVALID', status: 400 })
}

/** A name must be a logical name (`Cannot create/update allocation with invalid name`). */
export function checkAllocationName(name: unknown, action: 'create' | 'update'): void {
  if (name && !isLogicalName(name))
    throw invalid(`Cannot ${action} allocation with invalid name '${String(name)}'`)
}
