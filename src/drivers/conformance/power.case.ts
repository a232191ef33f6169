/** @module Cases every power interface must pass. */
import { describe, expect, it } from 'vitest'
import { InvalidParameterValueError } from '../../common/errors.js'
import { PowerState } from '../../common/states.js'
import type { PowerTarget } from '../power/types.js'
import { memoryTask } from '../testing/memory-task.js'
import { expectIronicError, type Subject } from './harness.js'

const RESULT: Partial<Record<PowerTarget, PowerState>> = {
  'power on': PowerState.On,
  'power off': PowerState.Off,
  'soft power off': PowerState.Off,
  'soft rebooting': PowerState.On,
}

/** Register the power cases for `subject`. */
export function powerCases(subject: Subject<'power'>): void {
  describe('power contract', () => {
    it('reports a known power state or null', async () => {
      const state = await subject.create().getPowerState(memoryTask())
      expect(state === null || Object.values(PowerState).includes(state)).toBe(true)
    })

    it('supports at least power on and power off', async () => {
      const supported = await subject.create().getSupportedPowerStates(memoryTask())
      expect(supported).toEqual(expect.arrayContaining(['power on', 'power off']))
    })

    it('reports the state each supported target leads to', async () => {
      const power = subject.create()
      const task = memoryTask()
      for (const target of await power.getSupportedPowerStates(task)) {
        const expected = RESULT[target]
        if (expected === undefined) continue // `rebooting` goes through reboot()
        await power.setPowerState(task, target)
        expect(await power.getPowerState(task)).toBe(expected)
      }
    })

    it('leaves a powered off node on after a reboot', async () => {
      const power = subject.create()
      const task = memoryTask()
      await power.setPowerState(task, 'power off')
      await power.reboot(task)
      expect(await power.getPowerState(task)).toBe(PowerState.On)
    })

    it('rejects an unknown target with InvalidParameterValueError', async () => {
      const power = subject.create()
      const bogus = 'sideways' as PowerTarget
      await expectIronicError(power.setPowerState(memoryTask(), bogus), InvalidParameterValueError)
    })
  })
}
