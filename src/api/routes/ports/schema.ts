/**
 * @module The port request schema (Ironic's PORT_SCHEMA, as 21.4 had it up to 1.82 and as
 * master has it above) and the value checks Ironic runs after it (PORT_VALIDATOR_EXTRA).
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { type Schema, validateSchema } from '../../../common/json-schema.js'
import { pyRepr } from '../../../common/python-repr.js'
import { MAX_MINOR_21_4, booleanArg, macArg, uuidArg } from './args.js'
import { checkLocalLinkConnection } from './local-link.js'

const BOOL: Schema = { type: ['string', 'boolean', 'null'] }

const PORT_SCHEMA_21_4: Schema = {
  type: 'object',
  properties: {
    address: { type: 'string' },
    extra: { type: ['object', 'null'] },
    is_smartnic: BOOL,
    local_link_connection: { type: ['null', 'object'] },
    node_uuid: { type: 'string' },
    physical_network: { type: ['string', 'null'], maxLength: 64 },
    portgroup_uuid: { type: ['string', 'null'] },
    pxe_enabled: BOOL,
    uuid: { type: ['string', 'null'] },
  },
  required: ['address', 'node_uuid'],
  additionalProperties: false,
}

const PORT_SCHEMA_MASTER: Schema = {
  ...PORT_SCHEMA_21_4,
  properties: {
    ...PORT_SCHEMA_21_4.properties,
    node_ident: { type: 'string' },
    name: { type: ['string', 'null'] },
    description: { type: ['string', 'null'], maxLength: 255 },
    vendor: { type: ['string', 'null'], maxLength: 32 },
    category: { type: ['string', 'null'], maxLength: 80 },
    available_for_dynamic_portgroup: { type: 'boolean' },
  },
  required: ['address'],
}

/** The body schema at a version (without master's `oneOf` node_ident / node_uuid). */
export function portSchema(minor: number): Schema {
  return minor > MAX_MINOR_21_4 ? PORT_SCHEMA_MASTER : PORT_SCHEMA_21_4
}

const NODE_ONE_OF = ['node_ident', 'node_uuid']

/** Master's `oneOf: [{required: [node_ident]}, {required: [node_uuid]}]`, after root checks. */
function checkNodeOneOf(name: string, body: Record<string, unknown>): void {
  const present = NODE_ONE_OF.filter((k) => k in body)
  if (present.length === 1) return
  const prefix = `Schema error for ${name}: ${pyRepr(body)}`
  if (present.length === 0) {
    throw new InvalidParameterValueError(
      `${prefix} is not valid under any of the given schemas. Possible root cause: 'node_ident' is a required property`,
    )
  }
  throw new InvalidParameterValueError(
    `${prefix} is valid under each of {'required': ['node_uuid']}, {'required': ['node_ident']}`,
  )
}

/**
 * Validates a port document (a create body, or a patched port) and returns it normalized:
 * MAC address lower-cased, booleans parsed, local link connection checked.
 */
export function validatePort(name: string, body: unknown, minor: number): Record<string, unknown> {
  const schema = portSchema(minor)
  if (minor > MAX_MINOR_21_4) {
    // Root errors (required, additional properties) beat the weak oneOf, which beats the rest.
    const root: Schema = {
      ...schema,
      properties: Object.fromEntries(Object.keys(schema.properties!).map((k) => [k, {}])),
    }
    validateSchema(name, root, body)
    checkNodeOneOf(name, body as Record<string, unknown>)
  }
  validateSchema(name, schema, body)
  const port = { ...(body as Record<string, unknown>) }
  const set = (key: string, value: unknown) => {
    if (key in port) port[key] = value
  }
  set('address', macArg('address', port.address))
  set('node_uuid', uuidArg('node_uuid', port.node_uuid))
  set('is_smartnic', booleanArg('is_smartnic', port.is_smartnic) ?? null)
  set('local_link_connection', checkLocalLinkConnection(port.local_link_connection, minor))
  set('portgroup_uuid', uuidArg('portgroup_uuid', port.portgroup_uuid) ?? null)
  set('pxe_enabled', booleanArg('pxe_enabled', port.pxe_enabled) ?? null)
  set('uuid', uuidArg('uuid', port.uuid) ?? null)
  set(
    'available_for_dynamic_portgroup',
    booleanArg('available_for_dynamic_portgroup', port.available_for_dynamic_portgroup),
  )
  return port
}
