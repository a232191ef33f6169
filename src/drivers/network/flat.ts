/** @module `flat` network: every node on one provider network that Anvil does not manage. */
import type { Task } from '../types.js'
import { NoopNetwork } from './noop.js'
import type { ExclusivePortsTask, NodePortStore, PortLike, VifInfo } from './types.js'
import { attachVif, currentVifOf, detachVif, listVifs } from './vif-ports.js'

/**
 * Ironic's `flat` records VIFs on the node's ports and port groups
 * (`internal_info.tenant_vif_port_id`, its `VIFPortIDMixin`) and binds them in Neutron. Anvil
 * has no Neutron: this one records the VIFs, with Ironic's errors, and leaves the network
 * itself alone, as `noop` does for every other network step.
 */
export class FlatNetwork extends NoopNetwork {
  override readonly name: string = 'flat'

  override async vifAttach(task: ExclusivePortsTask, vif: VifInfo): Promise<void> {
    await attachVif(task, vif)
  }

  override async vifDetach(task: ExclusivePortsTask, vifId: string): Promise<void> {
    await detachVif(task, vifId)
  }

  override async vifList(
    task: Task & { readonly ports?: NodePortStore },
  ): Promise<ReadonlyArray<{ readonly id: string }>> {
    return task.ports ? listVifs(task.ports) : []
  }

  override async getCurrentVif(_task: Task, port: PortLike): Promise<string | null> {
    return currentVifOf(port)
  }
}
