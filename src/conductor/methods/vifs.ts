/**
 * @module VIF RPC methods (Ironic's `manager.py` `vif_list`, `vif_attach`, `vif_detach`): the
 * node's network interface does the work, under the node's lock for changes, and sees the
 * node's ports and port groups through a {@link NodePortStore}.
 */
import { isoTimestamp } from '../../common/clock.js'
import type {
  ExclusivePortsTask,
  NetworkPort,
  NetworkPortgroup,
  NodePortStore,
  VifInfo,
} from '../../drivers/network/types.js'
import type { JsonObject } from '../../drivers/types.js'
import type { ConductorContext } from '../context.js'
import { recordError } from '../history.js'
import type { RpcMethod } from '../rpc/types.js'
import { withTask, type NodeTask } from '../task.js'

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err))

function jsonObject(text: string | null): JsonObject {
  if (!text) return {}
  const v = JSON.parse(text) as unknown
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {}
}

/** The node's ports and port groups, read from and written to the database. */
export function nodePortStore(ctx: ConductorContext, nodeId: number): NodePortStore {
  return {
    async ports() {
      const rows = await ctx.db
        .selectFrom('ports')
        .selectAll()
        .where('node_id', '=', nodeId)
        .orderBy('id')
        .execute()
      return rows.map(
        (r): NetworkPort => ({
          type: 'Port',
          id: r.id,
          uuid: r.uuid,
          portgroup_id: r.portgroup_id,
          internal_info: jsonObject(r.internal_info),
          extra: jsonObject(r.extra),
          physical_network: r.physical_network,
          pxe_enabled: Boolean(r.pxe_enabled),
          is_smartnic: Boolean(r.is_smartnic),
          local_link_connection: jsonObject(r.local_link_connection),
        }),
      )
    },
    async portgroups() {
      const rows = await ctx.db
        .selectFrom('portgroups')
        .select(['id', 'uuid', 'internal_info', 'extra'])
        .where('node_id', '=', nodeId)
        .orderBy('id')
        .execute()
      return rows.map(
        (r): NetworkPortgroup => ({
          type: 'Portgroup',
          id: r.id,
          uuid: r.uuid,
          internal_info: jsonObject(r.internal_info),
          extra: jsonObject(r.extra),
        }),
      )
    },
    async save(target, changes) {
      // The node's lock keeps the port API away (it refuses ports of a locked node); the
      // revision still moves so that a port PATCH read before the lock fails its compare-and-set.
      await ctx.db
        .updateTable(target.type === 'Port' ? 'ports' : 'portgroups')
        .set({
          internal_info: JSON.stringify(changes.internal_info),
          extra: JSON.stringify(changes.extra),
          updated_at: isoTimestamp(ctx.clock.now()),
        })
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', target.id)
        .execute()
    },
  }
}

/** The task as the network interface sees it during a VIF operation: with the node's ports. */
function withPorts(task: NodeTask): ExclusivePortsTask {
  const ports = nodePortStore(task.ctx, task.record.id)
  return {
    shared: false,
    get node() {
      return task.node
    },
    get driver() {
      return task.driver
    },
    get biosSettings() {
      return task.biosSettings
    },
    updateNode: (patch) => task.updateNode(patch),
    ports,
  }
}

/**
 * Runs a VIF change under the node's lock after validating the network interface. A failure is
 * recorded in the node's history (Ironic sets `last_error` on the node object but never saves it).
 */
async function changeVifs(
  svc: { ctx: ConductorContext },
  p: Record<string, unknown>,
  purpose: string,
  describe: (err: unknown) => string,
  change: (task: ExclusivePortsTask) => Promise<void>,
): Promise<null> {
  await withTask(svc.ctx, { uuid: String(p.node_id) }, { purpose }, async (task) => {
    await task.driver.network.validate(task)
    try {
      await change(withPorts(task))
    } catch (err) {
      await recordError(task.ctx, task.record.id, describe(err), task.node.provision_state ?? '')
      throw err
    }
  })
  return null
}

/** RPC methods of VIFs. */
export const VIF_METHODS: Readonly<Record<string, RpcMethod>> = {
  /** `{node_id}` → `[{id}]` (shared lock). */
  vif_list: (svc, p) => {
    const lock = { purpose: 'list vifs', shared: true }
    return withTask(svc.ctx, { uuid: String(p.node_id) }, lock, async (task) => {
      await task.driver.network.validate(task)
      return task.driver.network.vifList({
        node: task.node,
        shared: true,
        driver: task.driver,
        ports: nodePortStore(task.ctx, task.record.id),
      })
    })
  },
  /** `{node_id, vif_info}`: `vif_info.id` plus optional `port_uuid` or `portgroup_uuid`. */
  vif_attach: (svc, p) => {
    const vif = p.vif_info as VifInfo
    return changeVifs(
      svc,
      p,
      'attach vif',
      (err) =>
        `Failed to attach VIF ${vif.id} to node ${String(p.node_id)}. Error: ${errorText(err)}`,
      (task) => task.driver.network.vifAttach(task, vif),
    )
  },
  /** `{node_id, vif_id}` */
  vif_detach: (svc, p) => {
    const vifId = String(p.vif_id)
    return changeVifs(
      svc,
      p,
      'detach vif',
      // Ironic's message has a comma here where attach has a full stop.
      (err) =>
        `Failed to detach VIF ${vifId} from node ${String(p.node_id)}, Error: ${errorText(err)}`,
      (task) => task.driver.network.vifDetach(task, vifId),
    )
  },
}
