/** @module `fake` power: keeps the power state in the node's own `power_state` field. */
import { InvalidParameterValueError } from '../../common/errors.js'
import { PowerState } from '../../common/states.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { PowerInterface, PowerTarget } from './types.js'

const SETTABLE: ReadonlySet<string> = new Set<PowerTarget>([
  PowerState.On,
  PowerState.Off,
  PowerState.SoftRebooting,
  PowerState.SoftPowerOff,
])

const KNOWN: ReadonlySet<string> = new Set<string>(Object.values(PowerState))

/**
 * Fake power, like Ironic's `FakePower`: there is no BMC, the state lives in `node.power_state`
 * (so it survives restarts and is shared by every conductor). It reports what the node says,
 * and a power action writes the resulting state into the node.
 *
 * One difference: Ironic's fake stores the requested target (`soft rebooting`) and leaves the
 * reboot result to the conductor; this one stores the state the node ends in (`power on`), so
 * it is consistent on its own.
 */
export class FakePower implements PowerInterface {
  readonly kind = 'power'
  readonly name = 'fake'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async getPowerState(task: Task): Promise<PowerState | null> {
    const state = task.node.power_state
    return state !== null && KNOWN.has(state) ? (state as PowerState) : null
  }

  async setPowerState(task: ExclusiveTask, target: PowerTarget): Promise<void> {
    if (!SETTABLE.has(target)) {
      throw new InvalidParameterValueError(
        `set_power_state called with an invalid power state: ${target}.`,
      )
    }
    const result =
      target === PowerState.SoftPowerOff || target === PowerState.Off
        ? PowerState.Off
        : PowerState.On
    task.updateNode({ power_state: result })
  }

  async reboot(task: ExclusiveTask): Promise<void> {
    task.updateNode({ power_state: PowerState.On })
  }

  async getSupportedPowerStates(_task: Task): Promise<readonly PowerTarget[]> {
    return [
      PowerState.On,
      PowerState.Off,
      PowerState.Rebooting,
      PowerState.SoftRebooting,
      PowerState.SoftPowerOff,
    ]
  }
}
