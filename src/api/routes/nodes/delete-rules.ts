/**
 * @module When a node may be deleted (Ironic's conductor destroy_node checks).
 */
import { ConflictError, IronicError, NodeLockedError } from '../../../common/errors.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import type { ApiSettings } from '../../deps.js'
import { pyRepr } from '../../../common/python-repr.js'

const DELETE_ALLOWED = ['manageable', 'enroll', 'adopt failed']

export function checkNodeDeletable(node: NodeRecord, settings: ApiSettings): void {
  if (node.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  if (!node.maintenance && node.instance_uuid !== null) {
    throw new ConflictError(
      `Node ${node.uuid} is associated with instance ${node.instance_uuid}.`,
      'NODE_ASSOCIATED',
    )
  }
  if (node.protected) {
    throw new IronicError(
      `Node ${node.uuid} is protected and cannot be undeployed, rebuilt or deleted`,
      { code: 'NODE_PROTECTED', status: 403 },
    )
  }
  const allowed = settings.allowDeletingAvailableNodes ? [...DELETE_ALLOWED, 'available'] : DELETE_ALLOWED
  if (!node.maintenance && !allowed.includes(node.provision_state ?? '')) {
    throw new ConflictError(
      `Can not delete node "${node.uuid}" while it is in provision state "${node.provision_state}". Valid provision states to perform deletion are: "${pyRepr(allowed).replace(/^\[/, '(').replace(/\]$/, ')')}", or set the node into maintenance mode`,
      'INVALID_STATE',
    )
  }
}
