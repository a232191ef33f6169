/**
 * @module Every field of the node resource and the microversion that introduced it
 * (Ironic's api/controllers/v1/utils.py VERSIONED_FIELDS and node.py).
 */
import { MINOR } from '../versions.js'
import { defineFields, field } from './registry.js'

const P = { patchable: true }

const interfaceField = (kind: string, since: number) =>
  field(`${kind}_interface`, 'string', { since, patchable: true })

export const NODE_FIELDS = defineFields(
  'nodes',
  [
    field('uuid', 'string'),
    field('name', 'string', { since: MINOR.NODE_NAME, ...P }),
    field('driver', 'string', P),
    field('driver_info', 'json', { ...P, emptyJson: {} }),
    field('driver_internal_info', 'json', { since: MINOR.DRIVER_INTERNAL_INFO, emptyJson: {} }),
    field('extra', 'json', { ...P, emptyJson: {} }),
    field('instance_info', 'json', { ...P, emptyJson: {} }),
    field('instance_uuid', 'string', P),
    field('instance_name', 'string', { since: MINOR.NODE_INSTANCE_NAME, ...P }),
    field('properties', 'json', { ...P, emptyJson: {} }),
    field('chassis_uuid', 'computed', P),
    field('power_state', 'string'),
    field('target_power_state', 'string'),
    field('provision_state', 'string'),
    field('target_provision_state', 'string'),
    field('provision_updated_at', 'time'),
    field('last_error', 'string'),
    field('maintenance', 'bool', P),
    field('maintenance_reason', 'string'),
    field('fault', 'string', { since: MINOR.FAULT }),
    field('reservation', 'string'),
    field('console_enabled', 'bool'),
    field('inspection_started_at', 'time', { since: MINOR.INSPECT_STATE }),
    field('inspection_finished_at', 'time', { since: MINOR.INSPECT_STATE }),
    field('clean_step', 'json', { since: MINOR.NODE_CLEAN, emptyJson: {} }),
    field('deploy_step', 'json', { since: MINOR.NODE_DEPLOY_STEP, emptyJson: {} }),
    field('service_step', 'json', { since: MINOR.SERVICE, emptyJson: {} }),
    field('raid_config', 'json', { since: MINOR.RAID_CONFIG, emptyJson: {} }),
    field('target_raid_config', 'json', { since: MINOR.RAID_CONFIG, emptyJson: {} }),
    field('resource_class', 'string', { since: MINOR.RESOURCE_CLASS, ...P }),
    interfaceField('bios', MINOR.BIOS_INTERFACE),
    interfaceField('boot', MINOR.DYNAMIC_INTERFACES),
    interfaceField('console', MINOR.DYNAMIC_INTERFACES),
    interfaceField('deploy', MINOR.DYNAMIC_INTERFACES),
    interfaceField('firmware', MINOR.FIRMWARE_INTERFACE),
    interfaceField('inspect', MINOR.DYNAMIC_INTERFACES),
    interfaceField('management', MINOR.DYNAMIC_INTERFACES),
    interfaceField('network', MINOR.NETWORK_INTERFACE),
    interfaceField('power', MINOR.DYNAMIC_INTERFACES),
    interfaceField('raid', MINOR.DYNAMIC_INTERFACES),
    interfaceField('rescue', MINOR.RESCUE_INTERFACE),
    interfaceField('storage', MINOR.STORAGE_INTERFACE),
    interfaceField('vendor', MINOR.DYNAMIC_INTERFACES),
    field('traits', 'computed', { since: MINOR.NODE_TRAITS }),
    field('conductor_group', 'string', { since: MINOR.NODE_CONDUCTOR_GROUP, ...P }),
    field('automated_clean', 'bool', { since: MINOR.NODE_AUTOMATED_CLEAN, ...P }),
    field('protected', 'bool', { since: MINOR.NODE_PROTECTED, ...P }),
    field('protected_reason', 'string', { since: MINOR.NODE_PROTECTED, ...P }),
    field('conductor', 'computed', { since: MINOR.CONDUCTORS }),
    field('owner', 'string', { since: MINOR.NODE_OWNER, ...P }),
    field('description', 'string', { since: MINOR.NODE_DESCRIPTION, ...P }),
    field('allocation_uuid', 'computed', { since: MINOR.ALLOCATION }),
    field('retired', 'bool', { since: MINOR.NODE_RETIRED, ...P }),
    field('retired_reason', 'string', { since: MINOR.NODE_RETIRED, ...P }),
    field('lessee', 'string', { since: MINOR.NODE_LESSEE, ...P }),
    field('network_data', 'json', { since: MINOR.NODE_NETWORK_DATA, ...P, emptyJson: {} }),
    field('boot_mode', 'string', { since: MINOR.NODE_BOOT_MODE }),
    field('secure_boot', 'bool', { since: MINOR.NODE_BOOT_MODE }),
    field('shard', 'string', { since: MINOR.NODE_SHARD, ...P }),
    field('parent_node', 'string', { since: MINOR.PARENT_CHILD_NODES, ...P }),
    field('disable_power_off', 'bool', { since: MINOR.DISABLE_POWER_OFF, ...P }),
    field('health', 'string', { since: MINOR.NODE_HEALTH }),
    field('created_at', 'time'),
    field('updated_at', 'time'),
    // Anvil's own: never shown unless asked for with `fields` (Pike's unshipped "node tags").
    field('tags', 'computed', { since: MINOR.INITIAL_VERSION }),
  ],
  ['instance_uuid', 'maintenance', 'power_state', 'provision_state', 'uuid', 'name'],
)

/** Fields only shown when named in `fields=` (so no Ironic client sees a difference). */
export const NODE_OPT_IN_FIELDS: ReadonlySet<string> = new Set(['tags'])

export const NODE_INTERFACE_FIELDS = NODE_FIELDS.all
  .filter((f) => f.name.endsWith('_interface'))
  .map((f) => f.name)
