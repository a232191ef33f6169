/**
 * @module Every field of the port resource and the microversion that introduced it
 * (Ironic's api/controllers/v1/port.py), in the order Ironic puts them in a port.
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const P = { patchable: true }

/** The port fields; a plain list shows uuid and address. */
export const PORT_FIELDS = defineFields(
  'ports',
  [
    field('uuid', 'string'),
    field('created_at', 'time'),
    field('updated_at', 'time'),
    field('address', 'string', P),
    field('extra', 'json', { ...P, emptyJson: {} }),
    field('internal_info', 'json', { since: MINOR.PORT_INTERNAL_INFO, emptyJson: {} }),
    field('is_smartnic', 'bool', { since: MINOR.PORT_SMARTNIC, ...P }),
    field('local_link_connection', 'json', {
      since: MINOR.PORT_ADVANCED_NET_FIELDS,
      ...P,
      emptyJson: {},
    }),
    field('physical_network', 'string', { since: MINOR.PORT_PHYSICAL_NETWORK, ...P }),
    field('pxe_enabled', 'bool', { since: MINOR.PORT_ADVANCED_NET_FIELDS, ...P }),
    field('node_uuid', 'computed', P),
    field('name', 'string', { since: MINOR.PORT_NAME, ...P }),
    field('description', 'string', { since: MINOR.PORT_DESCRIPTION, ...P }),
    field('vendor', 'string', { since: MINOR.PORT_VENDOR, ...P }),
    field('category', 'string', { since: MINOR.PORT_CATEGORY, ...P }),
    field('available_for_dynamic_portgroup', 'bool', { since: MINOR.DYNAMIC_PORTGROUP, ...P }),
    // Ironic adds it after `links`.
    field('portgroup_uuid', 'computed', { since: MINOR.PORTGROUPS_SUBCONTROLLERS, ...P }),
  ],
  ['uuid', 'address'],
)

/** Fields Ironic shows after `links`. */
export const PORT_FIELDS_AFTER_LINKS: readonly string[] = ['portgroup_uuid']

/** Sort keys Ironic refuses by name ("The sort_key value extra is an invalid field ..."). */
export const PORT_UNSORTABLE: readonly string[] = [
  'extra',
  'internal_info',
  'local_link_connection',
]

/** Columns Ironic sorts on that are not API fields. */
export const PORT_EXTRA_SORT_COLUMNS: readonly string[] = ['node_id', 'portgroup_id']
