/** @module `no-firmware`: firmware is not managed; validation and updates fail. */
import { unsupported } from '../errors.js'
import type { StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { FirmwareInterface } from './types.js'

/**
 * Like Ironic's `NoFirmware`: validation and `update` throw `UnsupportedDriverExtensionError`;
 * caching the components quietly does nothing.
 */
export class NoFirmware implements FirmwareInterface {
  readonly kind = 'firmware'
  readonly name = 'no-firmware'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async update(task: ExclusiveTask): Promise<StepOutcome> {
    return unsupported(task.node.driver, this.kind)
  }

  async cacheFirmwareComponents(_task: ExclusiveTask): Promise<void> {}
}
