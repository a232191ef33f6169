/**
 * @module Composes an Anvil process from its configuration. Roles: `all` (API + conductor, what
 * `anvil serve` runs), `api` (API only, calling conductors over JSON-RPC), `conductor`
 * (conductor only, serving JSON-RPC). Every role shares the database and the hash ring.
 */
import type { FastifyInstance } from 'fastify'
import { systemClock, type Clock } from '../common/clock.js'
import type { Config } from '../common/config.js'
import { buildApp } from '../api/app.js'
import type { ConductorContext, ConductorLog } from '../conductor/context.js'
import { silentLog } from '../conductor/context.js'
import { HashRingDirectory } from '../conductor/directory.js'
import { heartbeatConductor, registerConductor, unregisterConductor } from '../conductor/registration.js'
import { buildJsonRpcServer } from '../conductor/rpc/json-rpc-server.js'
import { RpcRouter } from '../conductor/rpc/router.js'
import { ConductorService } from '../conductor/service.js'
import { startPeriodics, type Periodics } from '../conductor/periodics/index.js'
import { recoverOwnReservations } from '../conductor/periodics/reservations.js'
import { startIdleCollector } from './idle-gc.js'
import { openDatabase, type Database } from '../db/database.js'
import { upgradeDatabase } from '../db/migrate.js'
import type { DriverFactory } from '../drivers/registry.js'
import { apiSettings, maxMinorOf } from './api-settings.js'
import { driverCatalog, driverFactoryFrom } from './driver-catalog.js'

export type Role = 'all' | 'api' | 'conductor'

export interface AnvilProcess {
  readonly role: Role
  /** The API (roles all and api). */
  readonly app: FastifyInstance
  readonly database: Database
  readonly directory: HashRingDirectory
  readonly conductor: ConductorService | undefined
  readonly config: Config
  /** The API URL (after listen). */
  url: string
  listen(): Promise<string>
  close(): Promise<void>
}

export interface StartOptions {
  role?: Role
  clock?: Clock
  logger?: boolean | object
  log?: ConductorLog
}

function conductorContext(config: Config, database: Database, drivers: DriverFactory, clock: Clock, log: ConductorLog): ConductorContext {
  return {
    db: database.db,
    hostname: config.DEFAULT.host,
    drivers,
    clock,
    log,
    lockRetries: 3,
    lockRetryIntervalMs: 200,
    inFlight: new Set(),
    config,
  }
}

async function register(config: Config, database: Database, factory: DriverFactory, clock: Clock, rpcUrl: string | null) {
  await registerConductor(
    database.db,
    {
      hostname: config.DEFAULT.host,
      conductorGroup: config.conductor.conductor_group,
      hardwareTypes: factory.enabledHardwareTypes(),
      interfaces: factory.hardwareInterfaceRows().map((r) => ({
        hardwareType: r.hardware_type,
        kind: r.interface_type,
        name: r.interface_name,
        isDefault: r.default,
      })),
      rpcUrl,
    },
    clock,
  )
}

/** Builds an Anvil process of the given role without listening yet. */
export async function createAnvil(config: Config, opts: StartOptions = {}): Promise<AnvilProcess> {
  const role = opts.role ?? 'all'
  const clock = opts.clock ?? systemClock
  const database = openDatabase(config.database.connection)
  await upgradeDatabase(database)
  const factory = driverFactoryFrom(config)
  const hostname = config.DEFAULT.host
  const runsConductor = role !== 'api'
  const conductor = runsConductor
    ? new ConductorService(conductorContext(config, database, factory, clock, opts.log ?? silentLog))
    : undefined
  const rpcUrl = role === 'conductor' ? `http://${config.json_rpc.host_ip}:${config.json_rpc.port}/` : null
  if (runsConductor) await register(config, database, factory, clock, rpcUrl)
  const directory = new HashRingDirectory(database.db, clock, {
    heartbeatTimeoutSeconds: config.conductor.heartbeat_timeout,
    partitionExponent: config.DEFAULT.hash_partition_exponent,
    replicas: 1,
  })
  await directory.refresh()
  const rpc = new RpcRouter(directory, conductor)
  const app =
    role === 'conductor' && conductor
      ? buildJsonRpcServer(conductor)
      : buildApp(
          { database, settings: apiSettings(config), drivers: driverCatalog(factory), conductors: directory, clock, rpc },
          { logger: opts.logger ?? false, maxMinor: maxMinorOf(config) },
        )
  const timers: NodeJS.Timeout[] = [
    setInterval(() => void directory.refresh().catch(() => {}), config.DEFAULT.hash_ring_reset_interval * 1000),
  ]
  if (runsConductor) {
    timers.push(
      setInterval(
        () => void heartbeatConductor(database.db, hostname, clock).catch(() => {}),
        config.conductor.heartbeat_interval * 1000,
      ),
    )
  }
  for (const t of timers) t.unref()
  let periodics: Periodics | undefined
  if (conductor) {
    periodics = startPeriodics(conductor.ctx, directory, config)
    await recoverOwnReservations(conductor.ctx)
  }
  const collector = startIdleCollector()
  app.server.on('request', () => collector.touch())
  const proc: AnvilProcess = {
    role,
    app,
    database,
    directory,
    conductor,
    config,
    url: '',
    async listen() {
      const [host, port] =
        role === 'conductor' ? [config.json_rpc.host_ip, config.json_rpc.port] : [config.api.host_ip, config.api.port]
      proc.url = await app.listen({ host, port })
      return proc.url
    },
    async close() {
      for (const t of timers) clearInterval(t)
      collector.stop()
      periodics?.stop()
      await app.close()
      if (conductor) {
        await conductor.drain()
        await unregisterConductor(database.db, hostname).catch(() => {})
      }
      await database.close()
    },
  }
  return proc
}
