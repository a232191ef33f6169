/**
 * @module The rules a port update must pass (PortsController.patch's state checks and the
 * conductor's update_port + the network interface's port_changed).
 */
import type { FastifyRequest } from 'fastify'
import {
  ClientSideError,
  ConflictError,
  InvalidParameterValueError,
  NodeLockedError,
} from '../../../common/errors.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import type { PortRecord } from '../../../db/repos/ports.js'
import type { PortgroupRecord } from '../../../db/repos/portgroups.js'
import type { PatchOp } from '../../json-patch.js'
import { MINOR } from '../../versions.js'
import { checkDriverServed } from '../nodes/write.js'
import { checkPortPhysnet } from './write.js'

/** A port update about to be saved. */
export interface PortUpdate {
  port: PortRecord
  /** the node the port belongs to after the update */
  node: NodeRecord
  portgroup: PortgroupRecord | undefined
  /** changed columns (node_id and portgroup_id included) */
  changes: Record<string, unknown>
  ops: readonly PatchOp[]
}

/** Node states in which a port's connectivity may change (or in maintenance). */
export const CONNECTIVITY_STATES = ['enroll', 'inspecting', 'inspect wait', 'manageable']
const CONNECTIVITY = ['portgroup_id', 'pxe_enabled', 'local_link_connection', 'physical_network']

const touches = (ops: readonly PatchOp[], path: string) =>
  ops.some((o) => o.path === path || o.path.startsWith(`${path}/`))

/** Throws Ironic's error for the first rule the update breaks. */
export async function checkPortUpdateRules(req: FastifyRequest, u: PortUpdate): Promise<void> {
  const { node, port, changes } = u
  if (node.provision_state === 'inspecting' && req.minor >= MINOR.INSPECT_WAIT) {
    throw new ClientSideError(
      `Cannot update port "${port.uuid}" on "${node.uuid}" while it is in state "inspecting".`,
      409,
    )
  }
  if (touches(u.ops, '/physical_network') && changes.physical_network === '') {
    throw new InvalidParameterValueError(
      'A non-empty value is required when setting physical_network',
    )
  }
  if (
    req.minor >= MINOR.PORTGROUP_PHYSICAL_NETWORK &&
    touches(u.ops, '/physical_network') &&
    u.portgroup
  ) {
    throw new InvalidParameterValueError(
      'physical_network cannot be changed while the port belongs to a portgroup.',
    )
  }
  checkDriverServed(req.server.deps, node)
  checkConductorRules(u)
  const physnet =
    'physical_network' in changes
      ? (changes.physical_network as string | null)
      : port.physical_network
  if (u.portgroup && ('portgroup_id' in changes || 'physical_network' in changes)) {
    await checkPortPhysnet(
      req.server.deps.database,
      { id: port.id, physical_network: physnet },
      u.portgroup,
      req.minor,
    )
  }
  checkStandalonePorts(u)
}

/** update_port: the node lock, the MAC of a deployed node, connectivity in stable states. */
function checkConductorRules({ node, port, changes }: PortUpdate): void {
  if (node.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  const busy = node.provision_state === 'active' || node.instance_uuid !== null
  if ('address' in changes && busy && !node.maintenance) {
    throw new ConflictError(
      `Cannot update hardware address for port ${port.uuid} as node ${node.uuid} is active or has instance UUID assigned`,
      'INVALID_STATE',
    )
  }
  const stable =
    CONNECTIVITY_STATES.includes(node.provision_state ?? '') || Boolean(node.maintenance)
  if (CONNECTIVITY.some((c) => c in changes) && !stable) {
    throw new ConflictError(
      `Port ${port.uuid} can not have any connectivity attributes (${CONNECTIVITY.join(', ')}) updated unless node ${node.uuid} is in a ${CONNECTIVITY_STATES.join(', ')} state or in maintenance mode. The current state is ${node.provision_state}.`,
      'INVALID_STATE',
    )
  }
}

/** The attached tenant VIF of a port or portgroup (`internal_info.tenant_vif_port_id`). */
export function tenantVif(internalInfo: string | null): string | undefined {
  const info = internalInfo ? (JSON.parse(internalInfo) as Record<string, unknown>) : {}
  const vif = info.tenant_vif_port_id
  return vif ? String(vif) : undefined
}

/** Network interfaces other than noop refuse PXE or VIF ports in a bond-only portgroup. */
function checkStandalonePorts({ node, port, portgroup, changes }: PortUpdate): void {
  if (!portgroup || node.network_interface === 'noop' || portgroup.standalone_ports_supported)
    return
  const vif = tenantVif(port.internal_info)
  if (!('pxe_enabled' in changes || 'portgroup_id' in changes || vif)) return
  const pxe = 'pxe_enabled' in changes ? changes.pxe_enabled : Boolean(port.pxe_enabled)
  const reasons = [
    ...(pxe ? ["'pxe_enabled' was set to True"] : []),
    ...(vif ? [`VIF ${vif} is attached to the port`] : []),
  ]
  if (reasons.length === 0) return
  throw new ConflictError(
    `Port group ${portgroup.uuid} doesn't support standalone ports. This port ${port.uuid} cannot be  a member of that port group because of: ${reasons.join(', ')}`,
  )
}
