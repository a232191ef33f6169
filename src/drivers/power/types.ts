/** @module The power interface contract (Ironic `drivers/base.py` `PowerInterface`). */
import type { PowerState } from '../../common/states.js'
import type { DriverInterface, ExclusiveTask, Task } from '../types.js'

/** A state a power action can aim for (`PUT /v1/nodes/{node}/states/power` targets). */
export type PowerTarget = Exclude<PowerState, 'error'>

/** Options of a power action. */
export interface PowerOptions {
  /** Give up after this many milliseconds; the driver's default when absent. */
  readonly timeoutMs?: number
}

/** Reads and changes a node's power. */
export interface PowerInterface extends DriverInterface<'power'> {
  /** The node's current power state; `null` when unknown (Ironic's `NOSTATE`). */
  getPowerState(task: Task): Promise<PowerState | null>
  /** Drive the node to `target`; `rebooting` goes through {@link reboot}, not here. */
  setPowerState(task: ExclusiveTask, target: PowerTarget, opts?: PowerOptions): Promise<void>
  /** Hard reboot; a node that is off is powered on. */
  reboot(task: ExclusiveTask, opts?: PowerOptions): Promise<void>
  /** The targets this interface accepts for the node. */
  getSupportedPowerStates(task: Task): Promise<readonly PowerTarget[]>
  /**
   * Should the conductor force the recorded power state back onto the node when they differ.
   * Absent means yes, as in Ironic.
   */
  supportsPowerSync?(task: Task): boolean
}
