/**
 * @module The request schemas of volume connectors and targets (Ironic's CONNECTOR_SCHEMA and
 * TARGET_SCHEMA, with the `node_uuid`/`uuid` UUID checks of their validators) and the fields
 * PATCH may change.
 */
import { type Schema, validateSchema } from '../../../common/json-schema.js'
import { uuidArg } from '../ports/args.js'

/** Ironic's CONNECTOR_SCHEMA (create body and patched connector). */
export const CONNECTOR_SCHEMA: Schema = {
  type: 'object',
  properties: {
    connector_id: { type: 'string' },
    extra: { type: ['object', 'null'] },
    node_uuid: { type: 'string' },
    type: { type: 'string' },
    uuid: { type: ['string', 'null'] },
  },
  required: ['connector_id', 'node_uuid', 'type'],
  additionalProperties: false,
}

/** Ironic's TARGET_SCHEMA (create body and patched target). */
export const TARGET_SCHEMA: Schema = {
  type: 'object',
  properties: {
    boot_index: { type: 'integer' },
    extra: { type: ['object', 'null'] },
    node_uuid: { type: 'string' },
    properties: { type: ['object', 'null'] },
    volume_id: { type: 'string' },
    volume_type: { type: 'string' },
    uuid: { type: ['string', 'null'] },
  },
  required: ['boot_index', 'node_uuid', 'volume_id', 'volume_type'],
  additionalProperties: false,
}

/** The fields a connector PATCH may touch, in Ironic's order (for its error message). */
export const CONNECTOR_PATCH_ALLOWED: readonly string[] = [
  'connector_id',
  'extra',
  'node_uuid',
  'type',
]

/** The fields a target PATCH may touch, in Ironic's order. */
export const TARGET_PATCH_ALLOWED: readonly string[] = [
  'boot_index',
  'extra',
  'node_uuid',
  'properties',
  'volume_id',
  'volume_type',
]

/**
 * Validates a volume document (`name` is `connector`/`target` for a create body, `patch` for a
 * patched resource) as Ironic's validators do: the schema, then `node_uuid` and `uuid` must be
 * UUIDs. Returns a copy.
 */
export function validateVolume(
  name: string,
  schema: Schema,
  body: unknown,
): Record<string, unknown> {
  validateSchema(name, schema, body)
  const doc = { ...(body as Record<string, unknown>) }
  if ('node_uuid' in doc) uuidArg('node_uuid', doc.node_uuid)
  if ('uuid' in doc) doc.uuid = uuidArg('uuid', doc.uuid) ?? null
  return doc
}
