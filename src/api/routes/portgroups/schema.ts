/**
 * @module The portgroup request schema (Ironic's PORTGROUP_SCHEMA, as 21.4 had it up to 1.82
 * and as master has it above) and the value checks Ironic runs after it.
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { type Schema, validateSchema } from '../../../common/json-schema.js'
import { isValidLogicalName } from '../nodes/lookup.js'
import { MAX_MINOR_21_4, booleanArg, macArg, uuidArg } from '../ports/args.js'

const PORTGROUP_SCHEMA_21_4: Schema = {
  type: 'object',
  properties: {
    address: { type: ['string', 'null'] },
    extra: { type: ['object', 'null'] },
    mode: { type: ['string', 'null'] },
    name: { type: ['string', 'null'] },
    node_uuid: { type: 'string' },
    properties: { type: ['object', 'null'] },
    standalone_ports_supported: { type: ['string', 'boolean', 'null'] },
    uuid: { type: ['string', 'null'] },
  },
  required: ['node_uuid'],
  additionalProperties: false,
}

const PORTGROUP_SCHEMA_MASTER: Schema = {
  ...PORTGROUP_SCHEMA_21_4,
  properties: {
    ...PORTGROUP_SCHEMA_21_4.properties,
    category: { type: ['string', 'null'], maxLength: 80 },
    physical_network: { type: ['string', 'null'], maxLength: 64 },
  },
}

/** The fields PATCH may change, in Ironic's order (for its error message). */
export function portgroupPatchAllowed(minor: number): string[] {
  const fields = [
    'address',
    'extra',
    'mode',
    'name',
    'node_uuid',
    'properties',
    'standalone_ports_supported',
  ]
  return minor > MAX_MINOR_21_4 ? [...fields, 'physical_network', 'category'] : fields
}

/**
 * Validates a portgroup document (a create body, or a patched portgroup) and returns it
 * normalized: MAC address lower-cased, booleans parsed.
 */
export function validatePortgroup(
  name: string,
  body: unknown,
  minor: number,
): Record<string, unknown> {
  validateSchema(
    name,
    minor > MAX_MINOR_21_4 ? PORTGROUP_SCHEMA_MASTER : PORTGROUP_SCHEMA_21_4,
    body,
  )
  const pg = { ...(body as Record<string, unknown>) }
  const set = (key: string, value: unknown) => {
    if (key in pg) pg[key] = value
  }
  set('address', macArg('address', pg.address) ?? null)
  set('node_uuid', uuidArg('node_uuid', pg.node_uuid))
  set(
    'standalone_ports_supported',
    booleanArg('standalone_ports_supported', pg.standalone_ports_supported) ?? null,
  )
  set('uuid', uuidArg('uuid', pg.uuid) ?? null)
  return pg
}

/** A portgroup name must be a logical name (by the rules of the request's version). */
export function checkPortgroupName(name: unknown, minor: number, message: string): void {
  if (name && (typeof name !== 'string' || !isValidLogicalName(name, minor))) {
    throw new InvalidParameterValueError(message)
  }
}
