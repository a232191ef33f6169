/** @module The rescue interface contract (Ironic `drivers/base.py` `RescueInterface`). */
import type { DriverInterface, ExclusiveTask } from '../types.js'

/** Boots a deployed node into a rescue ramdisk and back. */
export interface RescueInterface extends DriverInterface<'rescue'> {
  /** `rescue` when done, `rescue wait` when the ramdisk will call back. */
  rescue(task: ExclusiveTask): Promise<'rescue' | 'rescue wait'>
  /** Back to the instance; `active` when done. */
  unrescue(task: ExclusiveTask): Promise<'active'>
  /** Remove the rescue environment after a failure or timeout. */
  cleanUp?(task: ExclusiveTask): Promise<void>
}
