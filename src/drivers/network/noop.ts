/** @module `noop` network: the node's network is set up outside Anvil. */
import type { ExclusiveTask, JsonObject, Task } from '../types.js'
import type {
  ExclusivePortsTask,
  NetworkInterface,
  NetworkPortMap,
  NodePortStore,
  PortLike,
  VifInfo,
} from './types.js'

/**
 * No-op network, like Ironic's `NoopNetwork`: every network switch succeeds and does nothing,
 * no VIF is ever listed, and the network data is the node's own `network_data`. Ironic has no
 * `fake` network interface; this one plays that part.
 */
export class NoopNetwork implements NetworkInterface {
  readonly kind = 'network'
  readonly name: string = 'noop'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}
  async portChanged(_task: ExclusiveTask): Promise<void> {}
  async portgroupChanged(_task: ExclusiveTask): Promise<void> {}
  async vifAttach(_task: ExclusivePortsTask, _vif: VifInfo): Promise<void> {}
  async vifDetach(_task: ExclusivePortsTask, _vifId: string): Promise<void> {}

  async vifList(
    _task: Task & { readonly ports?: NodePortStore },
  ): Promise<ReadonlyArray<{ readonly id: string }>> {
    return []
  }

  async getCurrentVif(_task: Task, _port: PortLike): Promise<string | null> {
    return null
  }

  async addProvisioningNetwork(_task: ExclusiveTask): Promise<void> {}
  async removeProvisioningNetwork(_task: ExclusiveTask): Promise<void> {}
  async configureTenantNetworks(_task: ExclusiveTask): Promise<void> {}
  async unconfigureTenantNetworks(_task: ExclusiveTask): Promise<void> {}

  async addCleaningNetwork(_task: ExclusiveTask): Promise<NetworkPortMap> {
    return {}
  }

  async removeCleaningNetwork(_task: ExclusiveTask): Promise<void> {}
  async validateRescue(_task: Task): Promise<void> {}

  async addRescuingNetwork(_task: ExclusiveTask): Promise<NetworkPortMap> {
    return {}
  }

  async removeRescuingNetwork(_task: ExclusiveTask): Promise<void> {}
  async validateInspection(_task: Task): Promise<void> {}

  async addInspectionNetwork(_task: ExclusiveTask): Promise<NetworkPortMap> {
    return {}
  }

  async removeInspectionNetwork(_task: ExclusiveTask): Promise<void> {}

  async addServicingNetwork(_task: ExclusiveTask): Promise<NetworkPortMap> {
    return {}
  }

  async removeServicingNetwork(_task: ExclusiveTask): Promise<void> {}

  needPowerOn(_task: Task): boolean {
    return false
  }

  async getNodeNetworkData(task: Task): Promise<JsonObject> {
    return task.node.network_data
  }
}
