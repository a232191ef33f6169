/**
 * @module Power state sync (Ironic's `_sync_power_states`): read each owned node's power state
 * from its BMC, record changes, count failures per node, and after
 * `[conductor]power_state_sync_max_retries` put the node in maintenance with the fault
 * `power failure`. Nodes with that fault are recovered when their BMC answers again.
 */
import { isoTimestamp } from '../../common/clock.js'
import type { ConductorContext } from '../context.js'
import { recordHistory } from '../history.js'
import { NodeTask } from '../task.js'
import { inParallel, ownedNodes, type OwnedNode, type Owner } from './owned-nodes.js'

export interface PowerSyncOptions {
  workers: number
  maxRetries: number
  /** Failure counts per node uuid, kept between passes. */
  failures: Map<string, number>
}

export interface PowerSyncResult {
  checked: number
  changed: number
  failed: number
  toMaintenance: number
  recovered: number
}

/** Ironic's SYNC_EXCLUDED_STATES. */
const SKIP_STATES = new Set(['wait call-back', 'clean wait', 'enroll', 'adopt failed'])

export async function syncPowerStates(ctx: ConductorContext, ownerOf: Owner, opts: PowerSyncOptions): Promise<PowerSyncResult> {
  const result: PowerSyncResult = { checked: 0, changed: 0, failed: 0, toMaintenance: 0, recovered: 0 }
  const nodes = await ownedNodes(ctx, ownerOf)
  await inParallel(nodes, opts.workers, async (n) => {
    if (n.reservation || SKIP_STATES.has(n.provision_state ?? '')) return
    const recovering = Boolean(n.maintenance) && n.fault === 'power failure'
    if (n.maintenance && !recovering) return
    result.checked++
    try {
      await syncOne(ctx, n, recovering, opts, result)
    } catch (err) {
      ctx.log.warn({ err, node: n.uuid }, 'power sync failed')
    }
  })
  return result
}

async function syncOne(ctx: ConductorContext, n: OwnedNode, recovering: boolean, opts: PowerSyncOptions, result: PowerSyncResult) {
  const record = n
  const task = new NodeTask(ctx, record, 'power state sync', true)
  let actual: string | null
  try {
    actual = await task.driver.power.getPowerState(task)
    if (actual === 'error') throw new Error('the BMC reported the power state "error"')
  } catch (err) {
    if (recovering) return
    result.failed++
    const count = (opts.failures.get(n.uuid) ?? 0) + 1
    opts.failures.set(n.uuid, count)
    if (count > opts.maxRetries) {
      await maxRetriesExceeded(ctx, n, record.power_state, (err as Error).message)
      opts.failures.delete(n.uuid)
      result.toMaintenance++
    }
    return
  }
  opts.failures.delete(n.uuid)
  if (recovering) {
    await update(ctx, n.id, { maintenance: 0, maintenance_reason: null, fault: null, power_state: actual })
    await history(ctx, n.id, `Power state of node ${n.uuid} recovered: the BMC answers again; maintenance mode removed.`, 'INFO')
    result.recovered++
    return
  }
  if (actual === null || actual === record.power_state) return
  await update(ctx, n.id, { power_state: actual })
  if (record.power_state !== null) {
    await history(
      ctx,
      n.id,
      `During sync_power_state, node ${n.uuid} state '${actual}' does not match expected state '${record.power_state}'. Updating recorded state to '${actual}'.`,
      'INFO',
    )
  }
  result.changed++
}

async function maxRetriesExceeded(ctx: ConductorContext, n: OwnedNode, expected: string | null, error: string) {
  const msg =
    `During sync_power_state, max retries exceeded for node ${n.uuid}, node state None does not match expected state '${expected}'. ` +
    `Updating DB state to 'None' Switching node to maintenance mode. Error: ${error}`
  await update(ctx, n.id, { power_state: null, maintenance: 1, maintenance_reason: msg, fault: 'power failure' })
  await history(ctx, n.id, msg, 'ERROR')
}

async function update(ctx: ConductorContext, id: number, columns: Record<string, unknown>) {
  await ctx.db
    .updateTable('nodes')
    .set({ ...columns, updated_at: isoTimestamp(ctx.clock.now()) })
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('reservation', 'is', null)
    .execute()
}

function history(ctx: ConductorContext, nodeId: number, event: string, severity: 'INFO' | 'ERROR') {
  return recordHistory(ctx, nodeId, { event, severity, event_type: 'monitoring' })
}
