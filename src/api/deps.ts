/**
 * @module What the API layer needs from the rest of Anvil, as narrow interfaces; `app.ts`
 * receives them, routes reach them through `req.server.deps`.
 */
import type { Clock } from '../common/clock.js'
import type { Database } from '../db/database.js'
import type { RpcClient } from '../conductor/rpc/types.js'

export interface ApiSettings {
  /** `[api]max_limit` */
  readonly maxLimit: number
  /** `[api]public_endpoint`, or null to use the request's Host. */
  readonly publicEndpoint: string | null
  /** `[oslo_middleware]max_request_body_size` */
  readonly bodyLimit: number
  /** `[DEFAULT]default_resource_class` */
  readonly defaultResourceClass: string | null
  /** `[conductor]allow_deleting_available_nodes` */
  readonly allowDeletingAvailableNodes: boolean
  /** `[conductor]heartbeat_timeout`: a conductor silent longer is not alive. */
  readonly heartbeatTimeoutSeconds: number
}

/** Hardware types and interfaces, as the API needs them. */
export interface DriverCatalog {
  /** Enabled hardware type names. */
  hardwareTypes(): readonly string[]
  /**
   * The interface names a node of this driver gets: the requested ones checked, the unset
   * ones defaulted. Throws an IronicError (400) naming the bad interface.
   */
  resolveInterfaces(
    driver: string,
    requested: Readonly<Record<string, string | null | undefined>>,
  ): Record<string, string>
  /** GET /v1/drivers/{name} detail: enabled and default interfaces per kind. */
  interfacesOf(driver: string): { enabled: Record<string, readonly string[]>; defaults: Record<string, string> }
  /** GET /v1/drivers/{name}/properties */
  propertiesOf(driver: string): Record<string, string>
  /** GET /v1/drivers/{name}/raid/logical_disk_properties */
  raidLogicalDiskPropertiesOf(driver: string): Record<string, string>
}

/** Which conductor serves a node (Ironic's hash ring), and which serve a driver. */
export interface ConductorDirectory {
  /** Hostname of the conductor owning a node, or null if none serves it. */
  conductorFor(node: { uuid: string; driver: string; conductor_group: string }): string | null
  /** Hostnames of the online conductors that serve a hardware type. */
  hostsFor(driver: string): readonly string[]
}

export interface ApiDeps {
  readonly database: Database
  readonly settings: ApiSettings
  readonly drivers: DriverCatalog
  readonly conductors: ConductorDirectory
  readonly clock: Clock
  /** Calls into the conductor that owns a node (in-process or JSON-RPC). */
  readonly rpc: RpcClient
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: ApiDeps
  }
}
