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

/** Port UUID to the network port created for it, as `add_*_network` return. */
export type NetworkPortMap = Readonly<Record<string, string>>

/**
 * Moves a node's ports between the provisioning, cleaning, rescuing, inspection, servicing and
 * tenant networks, and tracks attached VIFs.
 */
export interface NetworkInterface extends DriverInterface<'network'> {
  portChanged(task: ExclusiveTask, port: PortLike): Promise<void>
  portgroupChanged(task: ExclusiveTask, portgroup: PortLike): Promise<void>
  vifAttach(task: ExclusiveTask, vif: VifInfo): Promise<void>
  vifDetach(task: ExclusiveTask, vifId: string): Promise<void>
  vifList(task: Task): Promise<ReadonlyArray<{ readonly id: string }>>
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
