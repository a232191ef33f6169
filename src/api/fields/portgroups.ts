/**
 * @module Every field of the portgroup resource and the microversion that introduced it
 * (Ironic's api/controllers/v1/portgroup.py), in the order Ironic puts them in a portgroup.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const P = { patchable: true }

/** The portgroup fields; a plain list shows uuid, address and name. */
export const PORTGROUP_FIELDS = defineFields(
  'portgroups',
  [
    field('uuid', 'string'),
    field('created_at', 'time'),
    field('updated_at', 'time'),
    field('address', 'string', P),
    field('extra', 'json', { ...P, emptyJson: {} }),
    field('internal_info', 'json', { emptyJson: {} }),
    field('mode', 'string', { since: MINOR.PORTGROUP_MODE_PROPERTIES, ...P }),
    field('name', 'string', P),
    field('properties', 'json', { since: MINOR.PORTGROUP_MODE_PROPERTIES, ...P, emptyJson: {} }),
    field('standalone_ports_supported', 'bool', P),
    field('node_uuid', 'computed', P),
    field('physical_network', 'string', { since: MINOR.PORTGROUP_PHYSICAL_NETWORK, ...P }),
    field('category', 'string', { since: MINOR.PORTGROUP_CATEGORY, ...P }),
    field('dynamic_portgroup', 'bool', { since: MINOR.DYNAMIC_PORTGROUP }),
  ],
  ['uuid', 'address', 'name'],
)

/**
 * Ironic 21.4 shows `mode` and `properties` at every version although they can only be
 * asked for (`fields`) or set from 1.26.
 */
export const PORTGROUP_ALWAYS_SHOWN: readonly string[] = ['mode', 'properties']

/** Sort keys Ironic refuses by name. */
export const PORTGROUP_UNSORTABLE: readonly string[] = ['extra', 'internal_info', 'properties']

/** Columns Ironic sorts on that are not API fields. */
export const PORTGROUP_EXTRA_SORT_COLUMNS: readonly string[] = ['node_id']
