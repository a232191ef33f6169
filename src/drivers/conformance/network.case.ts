/** @module Cases every network interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { type Subject } from './harness.js'

/** Register the network cases for `subject`. */
export function networkCases(subject: Subject<'network'>): void {
  describe('network contract', () => {
    it('moves a node without ports through every network', async () => {
      const net = subject.create()
      const task = memoryTask()
      await net.validate(task)
      await net.addProvisioningNetwork(task)
      await net.removeProvisioningNetwork(task)
      await net.configureTenantNetworks(task)
      await net.unconfigureTenantNetworks(task)
      for (const add of [
        net.addCleaningNetwork(task),
        net.addRescuingNetwork(task),
        net.addInspectionNetwork(task),
        net.addServicingNetwork(task),
      ]) {
        for (const value of Object.values(await add)) expect(typeof value).toBe('string')
      }
      await net.removeCleaningNetwork(task)
      await net.removeRescuingNetwork(task)
      await net.removeInspectionNetwork(task)
      await net.removeServicingNetwork(task)
    })

    it('lists VIFs with ids, answers needPowerOn, and returns network data', async () => {
      const net = subject.create()
      const task = memoryTask({ node: { network_data: { links: [] } } })
      for (const vif of await net.vifList(task)) expect(typeof vif.id).toBe('string')
      expect(typeof net.needPowerOn(task)).toBe('boolean')
      expect(typeof (await net.getNodeNetworkData(task))).toBe('object')
    })
  })
}
