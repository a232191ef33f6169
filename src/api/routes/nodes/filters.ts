/**
 * @module Node list filters: parsing, microversion gates and Ironic's messages.
 */
import { InvalidParameterValueError, NotFoundError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import type { Database } from '../../../db/database.js'
import type { NodeFilters } from '../../../db/repos/nodes.js'
import { notAcceptable, optionalBool, param, type Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { ProvisionState } from '../../../common/states.js'

const PROVISION_STATES: readonly string[] = Object.values(ProvisionState)

const FAULTS = ['power failure', 'clean failure', 'rescue abort failure', 'service failure']

/** A filter value, refused (406) below the version that introduced it. */
function gated(query: Query, name: string, minor: number, since: number): string | undefined {
  const v = param(query, name)
  if (v !== undefined && minor < since) throw notAcceptable(since)
  return v
}

/** Every query argument the node list takes. */
export const NODE_LIST_ARGS = [
  'chassis_uuid', 'instance_uuid', 'associated', 'maintenance', 'retired', 'provision_state',
  'marker', 'limit', 'sort_key', 'sort_dir', 'driver', 'fields', 'resource_class', 'fault',
  'conductor_group', 'detail', 'conductor', 'owner', 'lessee', 'project', 'description_contains',
  'shard', 'sharded', 'parent_node', 'include_children', 'instance_name', 'tags',
]

export async function parseNodeFilters(
  database: Database,
  query: Query,
  minor: number,
): Promise<NodeFilters & { conductor?: string }> {
  const f: NodeFilters & { conductor?: string } = {}
  const chassisUuid = param(query, 'chassis_uuid')
  if (chassisUuid !== undefined) {
    if (!isUuidLike(chassisUuid)) {
      throw new InvalidParameterValueError(`Expected UUID for chassis_uuid: ${chassisUuid}`)
    }
    const chassis = await database.db
      .selectFrom('chassis')
      .select('id')
      .where('uuid', '=', chassisUuid)
      .executeTakeFirst()
    if (!chassis) throw new NotFoundError(`Chassis ${chassisUuid} could not be found.`)
    f.chassisId = chassis.id
  }
  const instanceUuid = param(query, 'instance_uuid')
  if (instanceUuid !== undefined) {
    if (!isUuidLike(instanceUuid)) {
      throw new InvalidParameterValueError(`Expected UUID for instance_uuid: ${instanceUuid}`)
    }
    f.instanceUuid = instanceUuid
  }
  const set = <K extends keyof NodeFilters>(key: K, value: NodeFilters[K] | undefined) => {
    if (value !== undefined) f[key] = value
  }
  set('associated', optionalBool(query, 'associated'))
  set('maintenance', optionalBool(query, 'maintenance'))
  set('retired', optionalBool(query, 'retired'))
  const state = param(query, 'provision_state')
  if (state !== undefined) {
    if (minor < MINOR.PROVISION_STATE_FILTER) throw notAcceptable()
    if (!PROVISION_STATES.includes(state)) {
      throw new InvalidParameterValueError(`Provision state "${state}" is not valid`)
    }
    f.provisionState = state
  }
  set('driver', gated(query, 'driver', minor, MINOR.DRIVER_FILTER))
  set('resourceClass', gated(query, 'resource_class', minor, MINOR.RESOURCE_CLASS))
  const fault = gated(query, 'fault', minor, MINOR.FAULT)
  if (fault !== undefined) {
    if (!FAULTS.includes(fault)) {
      throw new InvalidParameterValueError(
        `Unrecognized fault "${fault}" is specified, allowed faults are ('${FAULTS.join("', '")}')`,
      )
    }
    f.fault = fault
  }
  set('conductorGroup', gated(query, 'conductor_group', minor, MINOR.NODE_CONDUCTOR_GROUP))
  const conductor = gated(query, 'conductor', minor, MINOR.CONDUCTORS)
  if (conductor !== undefined) f.conductor = conductor
  set('owner', gated(query, 'owner', minor, MINOR.NODE_OWNER))
  set('lessee', gated(query, 'lessee', minor, MINOR.NODE_LESSEE))
  set('project', param(query, 'project'))
  set('descriptionContains', param(query, 'description_contains'))
  const shard = gated(query, 'shard', minor, MINOR.NODE_SHARD)
  if (shard !== undefined) f.shards = shard.split(',').map((s) => s.trim()).filter(Boolean)
  if (gated(query, 'sharded', minor, MINOR.NODE_SHARD) !== undefined) {
    set('sharded', optionalBool(query, 'sharded'))
  }
  set('parentNode', gated(query, 'parent_node', minor, MINOR.PARENT_CHILD_NODES))
  if (gated(query, 'include_children', minor, MINOR.PARENT_CHILD_NODES) !== undefined) {
    set('includeChildren', optionalBool(query, 'include_children'))
  } else if (minor >= MINOR.PARENT_CHILD_NODES) {
    f.includeChildren = false
  }
  set('instanceName', gated(query, 'instance_name', minor, MINOR.NODE_INSTANCE_NAME))
  const tags = param(query, 'tags')
  if (tags !== undefined) f.tags = tags.split(',').map((t) => t.trim()).filter(Boolean)
  return f
}
