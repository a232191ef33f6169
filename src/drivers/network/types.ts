/** @module The network interface contract (Ironic `drivers/base.py` `NetworkInterface`). */
import type { DriverInterface, ExclusiveTask, JsonObject, Task } from '../types.js'

/** A virtual network interface to attach (`POST /v1/nodes/{node}/vifs`); `id` is required. */
export interface VifInfo {
  readonly id: string
  readonly [extra: string]: unknown
}

/** The port or port group a VIF question is about. */
export interface PortLike {
  readonly uuid: string
  readonly internal_info: JsonObject
  readonly extra: JsonObject
}

/** Which table a port-like object lives in; Ironic names them by object class in messages. */
export type PortLikeType = 'Port' | 'Portgroup'

/** A port of the node, as Ironic's `task.ports` holds them. */
export interface NetworkPort extends PortLike {
  readonly type: 'Port'
  readonly id: number
  readonly portgroup_id: number | null
  readonly physical_network: string | null
  readonly pxe_enabled: boolean
  readonly is_smartnic: boolean
  readonly local_link_connection: JsonObject
}

/** A port group of the node, as Ironic's `task.portgroups` holds them. */
export interface NetworkPortgroup extends PortLike {
  readonly type: 'Portgroup'
  readonly id: number
}

/**
 * The node's ports and port groups, provided by the conductor to VIF operations (Ironic's
 * `task.ports` and `task.portgroups`, and their `save()`). Lists are ordered by database id.
 */
export interface NodePortStore {
  ports(): Promise<readonly NetworkPort[]>
  portgroups(): Promise<readonly NetworkPortgroup[]>
  /** Writes a port's or port group's `internal_info` and `extra`. */
  save(
    target: NetworkPort | NetworkPortgroup,
    changes: { readonly internal_info: JsonObject; readonly extra: JsonObject },
  ): Promise<void>
}

/** A task that can see the node's ports: what VIF operations get from the conductor. */
export interface PortsTask extends Task {
  readonly ports: NodePortStore
}

/** An exclusive task that can see and change the node's ports. */
export interface ExclusivePortsTask extends ExclusiveTask {
  readonly ports: NodePortStore
}

/** Port UUID to the network port created for it, as `add_*_network` return. */
export type NetworkPortMap = Readonly<Record<string, string>>

/**
 * Moves a node's ports between the provisioning, cleaning, rescuing, inspection, servicing and
 * tenant networks, and tracks attached VIFs.
 */
export interface NetworkInterface extends DriverInterface<'network'> {
  portChanged(task: ExclusiveTask, port: PortLike): Promise<void>
  portgroupChanged(task: ExclusiveTask, portgroup: PortLike): Promise<void>
  /** Attach a VIF to a free port or port group of the node (`vif.port_uuid`/`portgroup_uuid`). */
  vifAttach(task: ExclusivePortsTask, vif: VifInfo): Promise<void>
  vifDetach(task: ExclusivePortsTask, vifId: string): Promise<void>
  /** Attached VIFs; a task without `ports` (driver unit tests) sees a node without ports. */
  vifList(
    task: Task & { readonly ports?: NodePortStore },
  ): Promise<ReadonlyArray<{ readonly id: string }>>
  getCurrentVif(task: Task, port: PortLike): Promise<string | null>
  addProvisioningNetwork(task: ExclusiveTask): Promise<void>
  removeProvisioningNetwork(task: ExclusiveTask): Promise<void>
  configureTenantNetworks(task: ExclusiveTask): Promise<void>
  unconfigureTenantNetworks(task: ExclusiveTask): Promise<void>
  addCleaningNetwork(task: ExclusiveTask): Promise<NetworkPortMap>
  removeCleaningNetwork(task: ExclusiveTask): Promise<void>
  validateRescue(task: Task): Promise<void>
  addRescuingNetwork(task: ExclusiveTask): Promise<NetworkPortMap>
  removeRescuingNetwork(task: ExclusiveTask): Promise<void>
  /** Check the node can be inspected in band; absent means unsupported. */
  validateInspection?(task: Task): Promise<void>
  addInspectionNetwork(task: ExclusiveTask): Promise<NetworkPortMap>
  removeInspectionNetwork(task: ExclusiveTask): Promise<void>
  addServicingNetwork(task: ExclusiveTask): Promise<NetworkPortMap>
  removeServicingNetwork(task: ExclusiveTask): Promise<void>
  /** Must the node be powered on before its network can be configured. */
  needPowerOn(task: Task): boolean
  /** Network configuration for the instance (`network_data`, config drive format). */
  getNodeNetworkData(task: Task): Promise<JsonObject>
}
