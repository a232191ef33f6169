/**
 * @module The node request schema (Ironic's node_schema) and the value checks Ironic runs
 * after it (booleans given as strings, UUID fields).
 */
import { InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import { parseBool } from '../../query.js'
import type { Schema } from '../../../common/json-schema.js'

const S: Schema = { type: ['string', 'null'] }
const BOOL: Schema = { type: ['string', 'boolean', 'null'] }
const OBJ: Schema = { type: ['object', 'null'] }

const INTERFACES = [
  'bios', 'boot', 'console', 'deploy', 'firmware', 'inspect', 'management', 'network', 'power',
  'raid', 'rescue', 'storage', 'vendor',
]

export const NODE_SCHEMA: Schema = {
  type: 'object',
  properties: {
    automated_clean: BOOL,
    ...Object.fromEntries(INTERFACES.map((i) => [`${i}_interface`, S])),
    boot_mode: S,
    chassis_uuid: S,
    conductor_group: S,
    console_enabled: BOOL,
    description: { type: ['string', 'null'], maxLength: 4096 },
    disable_power_off: BOOL,
    driver: { type: 'string' },
    driver_info: OBJ,
    extra: OBJ,
    instance_info: OBJ,
    instance_name: { type: ['string', 'null'], minLength: 1, maxLength: 255 },
    instance_uuid: S,
    lessee: S,
    maintenance: BOOL,
    name: S,
    network_data: OBJ,
    owner: S,
    parent_node: { type: ['string', 'null'], maxLength: 36 },
    properties: OBJ,
    resource_class: { type: ['string', 'null'], maxLength: 80 },
    retired: BOOL,
    retired_reason: S,
    secure_boot: BOOL,
    shard: S,
    uuid: S,
  },
  required: ['driver'],
  additionalProperties: false,
}

export const NODE_PATCH_SCHEMA: Schema = {
  ...NODE_SCHEMA,
  properties: { ...NODE_SCHEMA.properties, protected: BOOL, protected_reason: S },
}

const BOOL_FIELDS = [
  'automated_clean', 'console_enabled', 'disable_power_off', 'protected', 'maintenance', 'retired',
]
const UUID_FIELDS = ['chassis_uuid', 'instance_uuid', 'uuid']

/** Converts string booleans and checks UUID fields, in place (Ironic's NODE_VALIDATE_EXTRA). */
export function normalizeNodeValues(node: Record<string, unknown>): void {
  for (const name of BOOL_FIELDS) {
    const v = node[name]
    if (typeof v === 'string') {
      try {
        node[name] = parseBool(v, name)
      } catch {
        throw new InvalidParameterValueError(
          `Invalid ${name}: Unrecognized value '${v}', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'`,
        )
      }
    }
  }
  for (const name of UUID_FIELDS) {
    const v = node[name]
    if (v !== null && v !== undefined && !isUuidLike(v)) {
      throw new InvalidParameterValueError(`Expected UUID for ${name}: ${String(v)}`)
    }
  }
}
