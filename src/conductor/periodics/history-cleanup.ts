/**
 * @module Keeps node history tidy (Ironic's `_manage_node_history`): for each node this
 * conductor owns, the oldest events beyond `[conductor]node_history_max_entries` (and older
 * than `node_history_minimum_days`) are deleted, at most about `..._batch_count` per run.
 */
import { isoTimestamp } from '../../common/clock.js'
import type { ConductorContext } from '../context.js'
import { ownedNodes, type Owner } from './owned-nodes.js'

export interface HistoryLimits {
  maxEntries: number
  minimumDays: number
  batchCount: number
}

/** Deletes the owned nodes' surplus history events; returns how many were deleted. */
export async function trimNodeHistory(ctx: ConductorContext, ownerOf: Owner, limits: HistoryLimits): Promise<number> {
  const owned = new Set((await ownedNodes(ctx, ownerOf)).map((n) => n.id))
  if (owned.size === 0) return 0
  let q = ctx.db.selectFrom('node_history').select(['id', 'node_id']).orderBy('created_at').orderBy('id')
  if (limits.minimumDays > 0) {
    const before = new Date(ctx.clock.now().getTime() - limits.minimumDays * 86_400_000)
    q = q.where('created_at', '<', isoTimestamp(before))
  }
  const byNode = new Map<number, number[]>()
  for (const row of await q.execute()) {
    if (!owned.has(row.node_id)) continue
    const ids = byNode.get(row.node_id)
    if (ids) ids.push(row.id)
    else byNode.set(row.node_id, [row.id])
  }
  let deleted = 0
  for (const [node, ids] of byNode) {
    // as in Ironic, a node's whole surplus goes at once, then the batch limit stops the run
    if (deleted >= limits.batchCount) {
      ctx.log.warn({ node }, 'node history cleanup reached [conductor]node_history_cleanup_batch_count')
      break
    }
    const surplus = ids.slice(0, Math.max(0, ids.length - limits.maxEntries))
    for (let i = 0; i < surplus.length; i += 500) {
      await ctx.db.deleteFrom('node_history').where('id', 'in', surplus.slice(i, i + 500)).execute()
    }
    deleted += surplus.length
  }
  return deleted
}
