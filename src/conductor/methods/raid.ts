/** @module `set_target_raid_config` (Ironic's conductor method of `PUT /states/raid`). */
import type { JsonObject } from '../../drivers/types.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask } from '../task.js'

/** RPC methods of the RAID interface. */
export const RAID_METHODS: Readonly<Record<string, RpcMethod>> = {
  /**
   * `{node_id, target_raid_config}`: validated by the node's RAID interface unless empty (an
   * empty configuration clears it), then stored as the node's `target_raid_config`.
   */
  set_target_raid_config: (svc, p) =>
    withTask(svc.ctx, { uuid: String(p.node_id) }, { purpose: 'setting target RAID config' }, async (task) => {
      const config = p.target_raid_config as JsonObject
      if (Object.keys(config).length > 0) await task.driver.raid.validateRaidConfig(task, config)
      task.updateNode({ target_raid_config: config })
      await task.save()
      return null
    }),
}
