/**
 * @module The conductor's periodic tasks on their intervals: power sync, callback timeouts,
 * takeover of nodes from dead conductors, node history cleanup. A task never overlaps its
 * previous run.
 */
import { isoTimestamp } from '../../common/clock.js'
import type { Config } from '../../common/config.js'
import type { ConductorContext } from '../context.js'
import type { HashRingDirectory } from '../directory.js'
import { trimNodeHistory } from './history-cleanup.js'
import { syncPowerStates } from './power-sync.js'
import { clearStaleReservations, failOrphanedOperations } from './reservations.js'
import { failTimedOutWaits, waitTimeouts } from './timeouts.js'

export interface Periodics {
  stop(): void
  /** Runs the takeover check now (also run at start). */
  takeover(): Promise<void>
}

function every(seconds: number, fn: () => Promise<unknown>, onError: (err: unknown) => void): NodeJS.Timeout | undefined {
  if (seconds <= 0) return undefined
  let running = false
  const t = setInterval(() => {
    if (running) return
    running = true
    void fn()
      .catch(onError)
      .finally(() => {
        running = false
      })
  }, seconds * 1000)
  t.unref()
  return t
}

/** Registered conductors that stopped heartbeating (or went offline cleanly). */
async function offlineConductors(ctx: ConductorContext, timeoutSeconds: number): Promise<Set<string>> {
  const since = isoTimestamp(new Date(ctx.clock.now().getTime() - timeoutSeconds * 1000))
  const rows = await ctx.db.selectFrom('conductors').select(['hostname', 'online', 'updated_at', 'created_at']).execute()
  return new Set(rows.filter((r) => !r.online || (r.updated_at ?? r.created_at) < since).map((r) => r.hostname))
}

export function startPeriodics(ctx: ConductorContext, directory: HashRingDirectory, config: Config): Periodics {
  const ownerOf = (n: { uuid: string; driver: string; conductor_group: string }) => directory.conductorFor(n)
  const failures = new Map<string, number>()
  const log = (what: string) => (err: unknown) => ctx.log.error({ err }, `periodic ${what} failed`)
  const c = config.conductor
  const takeover = async () => {
    await directory.refresh()
    const released = await clearStaleReservations(ctx, await offlineConductors(ctx, c.heartbeat_timeout))
    await failOrphanedOperations(ctx, ownerOf, released)
  }
  const timers = [
    every(c.sync_power_state_interval, () => syncPowerStates(ctx, ownerOf, {
      workers: c.sync_power_state_workers,
      maxRetries: c.power_state_sync_max_retries,
      failures,
    }), log('power sync')),
    every(c.check_provision_state_interval, () => failTimedOutWaits(ctx, ownerOf, waitTimeouts(c)), log('timeouts')),
    every(Math.max(1, Math.min(c.heartbeat_timeout, config.DEFAULT.hash_ring_reset_interval)), takeover, log('takeover')),
    c.node_history_max_entries === 0
      ? undefined
      : every(c.node_history_cleanup_interval, () => trimNodeHistory(ctx, ownerOf, {
          maxEntries: c.node_history_max_entries,
          minimumDays: c.node_history_minimum_days,
          batchCount: c.node_history_cleanup_batch_count,
        }), log('node history cleanup')),
  ]
  return {
    takeover,
    stop() {
      for (const t of timers) if (t) clearInterval(t)
    },
  }
}
