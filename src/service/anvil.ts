/**
 * @module Composes an Anvil process from its configuration: database, conductor registration
 * and heartbeat, the hash-ring directory, and the API. `anvil serve` runs all of it.
 */
import type { FastifyInstance } from 'fastify'
import { systemClock, type Clock } from '../common/clock.js'
import type { Config } from '../common/config.js'
import { buildApp } from '../api/app.js'
import { HashRingDirectory } from '../conductor/directory.js'
import {
  heartbeatConductor,
  registerConductor,
  unregisterConductor,
} from '../conductor/registration.js'
import { openDatabase, type Database } from '../db/database.js'
import { upgradeDatabase } from '../db/migrate.js'
import { apiSettings, maxMinorOf } from './api-settings.js'
import { driverCatalog, driverFactoryFrom } from './driver-catalog.js'

export interface AnvilProcess {
  readonly app: FastifyInstance
  readonly database: Database
  readonly directory: HashRingDirectory
  /** The URL the API listens on (after listen). */
  url: string
  listen(): Promise<string>
  close(): Promise<void>
}

export interface StartOptions {
  clock?: Clock
  logger?: boolean | object
}

/** Builds the all-in-one process (API + conductor) without listening yet. */
export async function createAnvil(config: Config, opts: StartOptions = {}): Promise<AnvilProcess> {
  const clock = opts.clock ?? systemClock
  const database = openDatabase(config.database.connection)
  await upgradeDatabase(database)
  const factory = driverFactoryFrom(config)
  const hostname = config.DEFAULT.host
  await registerConductor(
    database.db,
    {
      hostname,
      conductorGroup: config.conductor.conductor_group,
      hardwareTypes: factory.enabledHardwareTypes(),
      interfaces: factory.hardwareInterfaceRows().map((r) => ({
        hardwareType: r.hardware_type,
        kind: r.interface_type,
        name: r.interface_name,
        isDefault: r.default,
      })),
      rpcUrl: null,
    },
    clock,
  )
  const directory = new HashRingDirectory(database.db, clock, {
    heartbeatTimeoutSeconds: config.conductor.heartbeat_timeout,
    partitionExponent: config.DEFAULT.hash_partition_exponent,
    replicas: 1,
  })
  await directory.refresh()
  const app = buildApp(
    { database, settings: apiSettings(config), drivers: driverCatalog(factory), conductors: directory, clock },
    { logger: opts.logger ?? false, maxMinor: maxMinorOf(config) },
  )
  const timers = [
    setInterval(() => void heartbeatConductor(database.db, hostname, clock).catch(() => {}), config.conductor.heartbeat_interval * 1000),
    setInterval(() => void directory.refresh().catch(() => {}), config.DEFAULT.hash_ring_reset_interval * 1000),
  ]
  for (const t of timers) t.unref()
  const proc: AnvilProcess = {
    app,
    database,
    directory,
    url: '',
    async listen() {
      proc.url = await app.listen({ host: config.api.host_ip, port: config.api.port })
      return proc.url
    },
    async close() {
      for (const t of timers) clearInterval(t)
      await app.close()
      await unregisterConductor(database.db, hostname).catch(() => {})
      await database.close()
    },
  }
  return proc
}
