/**
 * @module Takeover after a conductor dies (Ironic's `_check_orphan_nodes`): reservations held
 * by offline conductors are released; taken-over nodes that were `deploying` or `cleaning` are
 * failed ("Operation was aborted due to conductor take over"; cleaning also sets maintenance),
 * and a pending power operation is aborted. At start, a conductor fails what it had itself left
 * mid-operation (Ironic's `_fail_transient_state`).
 */
import { STUCK_STATES_TREATED_AS_FAIL } from '../../common/states.js'
import type { ConductorContext } from '../context.js'
import { recordHistory } from '../history.js'
import { withTask } from '../task.js'
import type { Owner } from './owned-nodes.js'

const TAKEOVER_FAIL_STATES = new Set(['deploying', 'cleaning'])
const TAKEOVER_ERROR = 'Operation was aborted due to conductor take over'

/**
 * Releases the locks of registered conductors that are offline (never of this conductor, nor of
 * one that registered after the list was read); returns the ids of the nodes released.
 */
export async function clearStaleReservations(ctx: ConductorContext, offlineHosts: ReadonlySet<string>): Promise<number[]> {
  if (offlineHosts.size === 0) return []
  const reserved = await ctx.db
    .selectFrom('nodes')
    .select(['id', 'uuid', 'reservation'])
    .where('reservation', 'in', [...offlineHosts].filter((h) => h !== ctx.hostname))
    .execute()
  const released: number[] = []
  for (const n of reserved) {
    const r = await ctx.db
      .updateTable('nodes')
      .set({ reservation: null })
      .where('id', '=', n.id)
      .where('reservation', '=', n.reservation)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) === 0) continue
    released.push(n.id)
    ctx.log.warn(
      { node: n.uuid, host: n.reservation },
      `Forcibly removed reservation of conductor ${n.reservation} on node ${n.uuid} as that conductor went offline`,
    )
  }
  return released
}

/** Cleans up the state of taken-over nodes this conductor now owns. */
export async function failOrphanedOperations(ctx: ConductorContext, ownerOf: Owner, nodeIds: readonly number[]): Promise<void> {
  for (const id of nodeIds) {
    try {
      await withTask(ctx, { id }, { purpose: 'power state clean up' }, async (task) => {
        const r = task.record
        if (r.maintenance || ownerOf(r) !== ctx.hostname) return
        if (r.target_power_state) {
          await task.save({ target_power_state: null })
          await recordHistory(ctx, r.id, {
            event: 'Pending power operation was aborted due to conductor take over',
            severity: 'ERROR',
            event_type: 'takeover',
          })
        }
        if (!TAKEOVER_FAIL_STATES.has(r.provision_state ?? '')) return
        const cleaning = r.provision_state === 'cleaning'
        await task.transition('fail', {
          lastError: TAKEOVER_ERROR,
          columns: cleaning ? { maintenance: 1, maintenance_reason: TAKEOVER_ERROR, fault: 'clean failure' } : {},
        })
        await recordHistory(ctx, r.id, { event: TAKEOVER_ERROR, severity: 'ERROR', event_type: 'takeover' })
      })
    } catch (err) {
      ctx.log.warn({ err, node: id }, 'could not clean up a taken-over node')
    }
  }
}

/** At start: this conductor's old locks are void (its background work died with it). */
export async function recoverOwnReservations(ctx: ConductorContext): Promise<void> {
  const mine = await ctx.db
    .selectFrom('nodes')
    .select(['id', 'provision_state'])
    .where('reservation', '=', ctx.hostname)
    .execute()
  if (mine.length === 0) return
  await ctx.db.updateTable('nodes').set({ reservation: null }).where('reservation', '=', ctx.hostname).execute()
  for (const n of mine) {
    if (!STUCK_STATES_TREATED_AS_FAIL.has(n.provision_state ?? '')) continue
    try {
      await withTask(ctx, { id: n.id }, { purpose: 'start-up recovery' }, async (task) => {
        if (task.record.provision_state !== n.provision_state) return
        await task.transition('fail', {
          lastError: `The ${n.provision_state} can't be resumed by conductor ${ctx.hostname}. Moving to fail state.`,
        })
      })
    } catch (err) {
      ctx.log.warn({ err, node: n.id }, 'could not recover a node left mid-operation')
    }
  }
}
