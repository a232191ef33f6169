/**
 * @module Takeover after a conductor dies: reservations held by conductors that stopped
 * heartbeating are cleared, and nodes this conductor now owns that were left mid-operation
 * (`deploying`, `cleaning`, ...) are moved to their failed state, as Ironic does.
 */
import { STUCK_STATES_TREATED_AS_FAIL } from '../../common/states.js'
import type { ConductorContext } from '../context.js'
import { withTask } from '../task.js'
import type { Owner } from './owned-nodes.js'

/** Clears reservations of hosts not in `aliveHosts`; returns the ids of the nodes released. */
export async function clearStaleReservations(ctx: ConductorContext, aliveHosts: ReadonlySet<string>): Promise<number[]> {
  const reserved = await ctx.db
    .selectFrom('nodes')
    .select(['id', 'uuid', 'reservation'])
    .where('reservation', 'is not', null)
    .execute()
  const stale = reserved.filter((n) => n.reservation !== null && !aliveHosts.has(n.reservation))
  for (const n of stale) {
    await ctx.db
      .updateTable('nodes')
      .set({ reservation: null })
      .where('id', '=', n.id)
      .where('reservation', '=', n.reservation)
      .execute()
    ctx.log.warn({ node: n.uuid, host: n.reservation }, 'cleared the reservation of a dead conductor')
  }
  return stale.map((n) => n.id)
}

/** Fails owned nodes stuck in a transient state that no live conductor is working on. */
export async function failOrphanedOperations(ctx: ConductorContext, ownerOf: Owner, nodeIds: readonly number[]): Promise<void> {
  for (const id of nodeIds) {
    try {
      await withTask(ctx, { id }, { purpose: 'orphan recovery' }, async (task) => {
        const r = task.record
        if (ownerOf(r) !== ctx.hostname || !STUCK_STATES_TREATED_AS_FAIL.has(r.provision_state ?? '')) return
        await task.transition('fail', {
          lastError: `The conductor working on node ${r.uuid} went offline while it was in state "${r.provision_state}"; the operation was aborted and must be started again.`,
        })
      })
    } catch (err) {
      ctx.log.warn({ err, node: id }, 'could not recover an orphaned node')
    }
  }
}

/** At start: this conductor's old locks are void (its background work died with it). */
export async function recoverOwnReservations(ctx: ConductorContext, ownerOf: Owner): Promise<void> {
  const mine = await ctx.db.selectFrom('nodes').select('id').where('reservation', '=', ctx.hostname).execute()
  if (mine.length === 0) return
  await ctx.db.updateTable('nodes').set({ reservation: null }).where('reservation', '=', ctx.hostname).execute()
  await failOrphanedOperations(ctx, ownerOf, mine.map((n) => n.id))
}
