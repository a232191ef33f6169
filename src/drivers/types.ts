/** @module The contract every hardware interface shares, and the task through which it sees a node. */
import type { BiosInterface, BiosSettingsStore } from './bios/types.js'
import type { BootInterface } from './boot/types.js'
import type { ConsoleInterface } from './console/types.js'
import type { DeployInterface } from './deploy/types.js'
import type { FirmwareInterface } from './firmware/types.js'
import type { InspectInterface } from './inspect/types.js'
import type { ManagementInterface } from './management/types.js'
import type { NetworkInterface } from './network/types.js'
import type { PowerInterface } from './power/types.js'
import type { RaidInterface } from './raid/types.js'
import type { RescueInterface } from './rescue/types.js'
import type { Step } from './steps.js'
import type { StorageInterface } from './storage/types.js'
import type { VendorInterface } from './vendor/types.js'

/**
 * Every hardware interface kind, in a stable (alphabetical) order. Ironic's
 * `drivers/base.py` `ALL_INTERFACES` is the same set, unordered.
 */
export const INTERFACE_KINDS = [
  'bios',
  'boot',
  'console',
  'deploy',
  'firmware',
  'inspect',
  'management',
  'network',
  'power',
  'raid',
  'rescue',
  'storage',
  'vendor',
] as const

/** One hardware interface kind, e.g. `'power'`. */
export type InterfaceKind = (typeof INTERFACE_KINDS)[number]

/** The node field naming a kind's implementation, e.g. `'power_interface'`. */
export type InterfaceField = `${InterfaceKind}_interface`

/** The node field of a kind: `interfaceField('power')` is `'power_interface'`. */
export function interfaceField<K extends InterfaceKind>(kind: K): `${K}_interface` {
  return `${kind}_interface`
}

/** Loose JSON object, as Ironic keeps `driver_info`, `instance_info` and friends. */
export type JsonObject = Readonly<Record<string, unknown>>

/** The `<kind>_interface` fields of a node; `null` means "use the hardware type's default". */
export type NodeInterfaceFields = {
  readonly [K in InterfaceKind as `${K}_interface`]: string | null
}

/**
 * The node as a driver sees it: a read-only plain object with Ironic's snake_case fields and its
 * JSON columns already decoded. Drivers change a node only through {@link ExclusiveTask.updateNode}.
 */
export interface NodeView extends NodeInterfaceFields {
  readonly uuid: string
  readonly name: string | null
  /** The hardware type. */
  readonly driver: string
  readonly power_state: string | null
  readonly target_power_state: string | null
  readonly provision_state: string | null
  readonly target_provision_state: string | null
  readonly maintenance: boolean
  readonly console_enabled: boolean
  readonly last_error: string | null
  readonly driver_info: JsonObject
  readonly driver_internal_info: JsonObject
  readonly instance_info: JsonObject
  readonly properties: JsonObject
  readonly extra: JsonObject
  readonly raid_config: JsonObject
  readonly target_raid_config: JsonObject
  readonly network_data: JsonObject
  readonly boot_mode: string | null
  readonly secure_boot: boolean | null
}

/** The node fields a driver may change. */
export type NodePatch = Partial<
  Pick<
    NodeView,
    | 'power_state'
    | 'target_power_state'
    | 'last_error'
    | 'driver_internal_info'
    | 'instance_info'
    | 'properties'
    | 'raid_config'
    | 'target_raid_config'
    | 'boot_mode'
    | 'secure_boot'
  >
>

/** The interface type each kind resolves to. */
export interface InterfaceByKind {
  bios: BiosInterface
  boot: BootInterface
  console: ConsoleInterface
  deploy: DeployInterface
  firmware: FirmwareInterface
  inspect: InspectInterface
  management: ManagementInterface
  network: NetworkInterface
  power: PowerInterface
  raid: RaidInterface
  rescue: RescueInterface
  storage: StorageInterface
  vendor: VendorInterface
}

/** A node's composed driver: one implementation per kind (Ironic's `task.driver`). */
export type DriverInterfaces = { readonly [K in InterfaceKind]: InterfaceByKind[K] }

/**
 * What a driver gets for one operation on one node. The conductor builds it (Ironic's
 * `TaskManager`); a shared task holds no lock and must not change the node.
 */
export interface Task {
  readonly node: NodeView
  readonly shared: boolean
  /** The node's other interfaces, e.g. a deploy interface calling `task.driver.boot`. */
  readonly driver: DriverInterfaces
}

/** A task holding the node's lock: the only kind that may change the node or the hardware. */
export interface ExclusiveTask extends Task {
  readonly shared: false
  /**
   * Change node fields. `task.node` shows the change at once; the conductor saves it (Ironic:
   * `task.node.power_state = x` followed by `node.save()`).
   */
  updateNode(patch: NodePatch): void
  /** The node's cached BIOS settings (Ironic's `bios_settings` table). */
  readonly biosSettings: BiosSettingsStore
}

/** True when the task holds the node's lock. */
export function isExclusive(task: Task): task is ExclusiveTask {
  return !task.shared
}

/** Collaborators passed to every implementation's constructor; grows as real drivers land. */
export interface DriverDeps {
  /** Debug log sink; defaults to discarding. */
  readonly log?: (message: string, fields?: Readonly<Record<string, unknown>>) => void
}

/**
 * What every hardware interface implements; the type-only counterpart of Ironic's
 * `drivers/base.py` `BaseInterface`.
 */
export interface DriverInterface<K extends InterfaceKind> {
  readonly kind: K
  /** The API-visible implementation name (`'fake'`, `'no-bios'`); never renamed. */
  readonly name: string
  /** `driver_info` keys this interface reads, with their descriptions (`GET .../properties`). */
  properties(): Readonly<Record<string, string>>
  /** Check the node has what this interface needs; throws an {@link IronicError} otherwise. */
  validate(task: Task): Promise<void>
  /** Clean, deploy, verify and service steps this interface offers. */
  readonly steps?: readonly Step[]
}
