/**
 * @module The chassis request schema (Ironic's CHASSIS_SCHEMA) and the checks after it.
 */
import { type Schema, validateSchema } from '../../../common/json-schema.js'
import { uuidArg } from '../ports/args.js'

/** Ironic's CHASSIS_SCHEMA (create body and patched chassis). */
export const CHASSIS_SCHEMA: Schema = {
  type: 'object',
  properties: {
    uuid: { type: ['string', 'null'] },
    extra: { type: ['object', 'null'] },
    description: { type: ['string', 'null'], maxLength: 255 },
  },
  additionalProperties: false,
}

/** The fields PATCH may change: the schema's, in its order (for Ironic's error message). */
export const CHASSIS_PATCH_ALLOWED = Object.keys(CHASSIS_SCHEMA.properties!)

/** Validates a chassis document (a create body or a patched chassis); returns a copy. */
export function validateChassis(name: string, body: unknown): Record<string, unknown> {
  validateSchema(name, CHASSIS_SCHEMA, body)
  const chassis = { ...(body as Record<string, unknown>) }
  if ('uuid' in chassis) chassis.uuid = uuidArg('uuid', chassis.uuid) ?? null
  return chassis
}
