/** @module What only the fake power interface does. */
import { describe, expect, it } from 'vitest'
import { InvalidParameterValueError } from '../../common/errors.js'
import { memoryTask } from '../testing/memory-task.js'
import { FakePower } from './fake.js'

describe('FakePower', () => {
  it('reports null until a power action sets the state, as Ironic does', async () => {
    expect(await new FakePower().getPowerState(memoryTask())).toBeNull()
  })

  it('keeps the state in the node power_state field', async () => {
    const task = memoryTask({ node: { power_state: 'power on' } })
    const power = new FakePower()
    expect(await power.getPowerState(task)).toBe('power on')
    await power.setPowerState(task, 'soft power off')
    expect(task.patches).toEqual([{ power_state: 'power off' }])
    expect(task.node.power_state).toBe('power off')
  })

  it('treats a power_state it does not know as unknown', async () => {
    const task = memoryTask({ node: { power_state: 'warm' } })
    expect(await new FakePower().getPowerState(task)).toBeNull()
  })

  it('rejects rebooting through setPowerState with Ironic message', async () => {
    await expect(new FakePower().setPowerState(memoryTask(), 'rebooting')).rejects.toThrow(
      new InvalidParameterValueError(
        'set_power_state called with an invalid power state: rebooting.',
      ),
    )
  })
})
