/**
 * @module What every conductor operation needs: the database, this conductor's name, the
 * driver factory, the clock, a logger, and the lock-retry settings.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../common/clock.js'
import type { Config } from '../common/config.js'
import type { Tables } from '../db/tables.js'
import type { DriverFactory } from '../drivers/registry.js'

export interface ConductorLog {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export const silentLog: ConductorLog = { info() {}, warn() {}, error() {} }

export interface ConductorContext {
  readonly db: Kysely<Tables>
  /** This conductor's hostname: what `reservation` holds while it has a node locked. */
  readonly hostname: string
  readonly drivers: DriverFactory
  readonly clock: Clock
  readonly log: ConductorLog
  /** `[conductor]node_locked_retry_attempts` and `..._interval` (ms here). */
  readonly lockRetries: number
  readonly lockRetryIntervalMs: number
  /** Background work in flight (hand-offs), so shutdown can wait for it. */
  readonly inFlight: Set<Promise<unknown>>
  /** The process's configuration (absent in unit tests: Ironic's defaults apply). */
  readonly config?: Config
}
