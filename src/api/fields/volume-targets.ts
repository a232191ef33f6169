/**
 * @module Every field of the volume target resource (Ironic's
 * api/controllers/v1/volume_target.py), in the order Ironic puts them in a target.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const V = { since: MINOR.VOLUME }
const P = { ...V, patchable: true }

/** The volume target fields; a plain list shows uuid, node_uuid, volume_type, boot_index and
 * volume_id. */
export const VOLUME_TARGET_FIELDS = defineFields(
  'volume_targets',
  [
    field('uuid', 'string', V),
    field('created_at', 'time', V),
    field('updated_at', 'time', V),
    field('boot_index', 'int', P),
    field('extra', 'json', { ...P, emptyJson: {} }),
    field('properties', 'json', { ...P, emptyJson: {} }),
    field('volume_id', 'string', P),
    field('volume_type', 'string', P),
    // Ironic adds it after `links`.
    field('node_uuid', 'computed', P),
  ],
  ['uuid', 'node_uuid', 'volume_type', 'boot_index', 'volume_id'],
)

/** Sort keys Ironic refuses by name. */
export const VOLUME_TARGET_UNSORTABLE: readonly string[] = ['extra', 'properties']
