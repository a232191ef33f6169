/** @module Cases every management interface must pass. */
import { describe, expect, it } from 'vitest'
import { InvalidParameterValueError } from '../../common/errors.js'
import { BootDevice } from '../management/types.js'
import { memoryTask } from '../testing/memory-task.js'
import { expectIronicError, type Subject } from './harness.js'

const ALL_DEVICES: readonly BootDevice[] = Object.values(BootDevice)

/** Register the management cases for `subject`. */
export function managementCases(subject: Subject<'management'>): void {
  describe('management contract', () => {
    it('supports at least one known boot device', async () => {
      const devices = await subject.create().getSupportedBootDevices(memoryTask())
      expect(devices.length).toBeGreaterThan(0)
      for (const d of devices) expect(ALL_DEVICES).toContain(d)
    })

    it('accepts every supported device and then reports a supported one', async () => {
      const mgmt = subject.create()
      const task = memoryTask()
      const devices = await mgmt.getSupportedBootDevices(task)
      for (const device of devices) {
        await mgmt.setBootDevice(task, device, { persistent: true })
        const info = await mgmt.getBootDevice(task)
        expect(info.boot_device === null || devices.includes(info.boot_device)).toBe(true)
        expect([true, false, null]).toContain(info.persistent)
      }
    })

    it('rejects an unsupported device with InvalidParameterValueError', async () => {
      const mgmt = subject.create()
      const task = memoryTask()
      const devices = await mgmt.getSupportedBootDevices(task)
      const other = ALL_DEVICES.find((d) => !devices.includes(d))
      if (other === undefined) return
      await expectIronicError(mgmt.setBootDevice(task, other), InvalidParameterValueError)
    })

    it('reports a listed state for every listed indicator', async () => {
      const mgmt = subject.create()
      const task = memoryTask()
      if (mgmt.getSupportedIndicators === undefined || mgmt.getIndicatorState === undefined) return
      const all = await mgmt.getSupportedIndicators(task)
      for (const [component, indicators] of Object.entries(all)) {
        for (const [name, info] of Object.entries(indicators)) {
          const c = component as keyof typeof all
          expect(info.states).toContain(await mgmt.getIndicatorState(task, c, name))
        }
      }
      await expectIronicError(
        mgmt.getIndicatorState(task, 'system', 'no-such-led'),
        InvalidParameterValueError,
      )
    })
  })
}
