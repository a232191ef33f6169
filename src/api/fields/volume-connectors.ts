/**
 * @module Every field of the volume connector resource (Ironic's
 * api/controllers/v1/volume_connector.py), in the order Ironic puts them in a connector.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const V = { since: MINOR.VOLUME }
const P = { ...V, patchable: true }

/** The volume connector fields; a plain list shows uuid, node_uuid, type and connector_id. */
export const VOLUME_CONNECTOR_FIELDS = defineFields(
  'volume_connectors',
  [
    field('uuid', 'string', V),
    field('created_at', 'time', V),
    field('updated_at', 'time', V),
    field('connector_id', 'string', P),
    field('extra', 'json', { ...P, emptyJson: {} }),
    field('type', 'string', P),
    // Ironic adds it after `links`.
    field('node_uuid', 'computed', P),
  ],
  ['uuid', 'node_uuid', 'type', 'connector_id'],
)

/** Sort keys Ironic refuses by name ("The sort_key value extra is an invalid field ..."). */
export const VOLUME_CONNECTOR_UNSORTABLE: readonly string[] = ['extra']
