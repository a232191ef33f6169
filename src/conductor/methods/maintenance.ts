/**
 * @module Maintenance mode on and off: what Ironic's API does through `update_node` for
 * `PUT/DELETE /v1/nodes/{node}/maintenance`, under the node's lock.
 */
import type { RpcMethod } from '../rpc/types.js'
import { withTask } from '../task.js'

/** RPC methods of maintenance. */
export const MAINTENANCE_METHODS: Readonly<Record<string, RpcMethod>> = {
  /**
   * `{node_id, maintenance, reason?}`: entering sets the reason (null when none is given);
   * leaving clears the reason and the fault, as Ironic's `update_node` does.
   */
  set_maintenance: async (svc, p) => {
    const on = p.maintenance === true
    const reason = on && typeof p.reason === 'string' ? p.reason : null
    await withTask(svc.ctx, { uuid: String(p.node_id) }, { purpose: 'node update' }, (task) =>
      task.save(
        on
          ? { maintenance: 1, maintenance_reason: reason }
          : { maintenance: 0, maintenance_reason: null, fault: null },
      ),
    )
    return null
  },
}
