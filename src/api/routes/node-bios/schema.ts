/**
 * @module The request checks of the BIOS endpoints, with the messages of Ironic's API schema
 * validation (`api/schemas/v1/bios.py` through `api/validation`): "Schema error: ...".
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { pyRepr } from '../../../common/python-repr.js'

/** Fields `?fields=` may name (≥1.74), in the schema's order. */
export const FIELD_CHOICES = [
  'allowable_values',
  'attribute_type',
  'created_at',
  'lower_bound',
  'links',
  'max_length',
  'min_length',
  'name',
  'node_uuid',
  'read_only',
  'reset_required',
  'unique',
  'updated_at',
  'value',
] as const

const NAME_PATTERN = '(?i)^[A-Z0-9-._~]+$'
const NAME_RE = /^[A-Z0-9\-._~]+$/i

function schemaError(message: string): InvalidParameterValueError {
  return new InvalidParameterValueError(`Schema error: ${message}`)
}

/** jsonschema's `additionalProperties` message, names sorted. */
export function unexpectedProperties(names: readonly string[]): InvalidParameterValueError {
  const sorted = [...names].sort()
  const verb = sorted.length === 1 ? 'was' : 'were'
  return schemaError(
    `Additional properties are not allowed (${sorted.map(pyRepr).join(', ')} ${verb} unexpected)`,
  )
}

/** Query arguments of an endpoint whose query schema allows none. */
export function checkNoQuery(query: Record<string, unknown>): void {
  const names = Object.keys(query)
  if (names.length > 0) throw unexpectedProperties(names)
}

/** A setting name in the path (`request_types.name`: 1 to 255 unreserved characters). */
export function checkSettingName(name: string): void {
  const length = [...name].length
  if (length < 1) throw schemaError(`${pyRepr(name)} is too short`)
  if (length > 255) throw schemaError(`${pyRepr(name)} is too long`)
  if (!NAME_RE.test(name)) {
    throw schemaError(`${pyRepr(name)} does not match ${pyRepr(NAME_PATTERN)}`)
  }
}

/** `?fields=` entries against the ≥1.74 schema's enum. */
export function checkFieldNames(fields: readonly string[]): void {
  const choices: readonly string[] = FIELD_CHOICES
  const bad = fields.find((f) => !choices.includes(f))
  if (bad !== undefined) throw schemaError(`${pyRepr(bad)} is not one of ${pyRepr(choices)}`)
}
