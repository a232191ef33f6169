/** @module `no-bios`: BIOS settings are not managed; validation and changes fail. */
import { unsupported } from '../errors.js'
import type { StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { BiosInterface } from './types.js'

/**
 * Like Ironic's `NoBIOS`: validation, applying and resetting throw
 * `UnsupportedDriverExtensionError`; caching the settings quietly does nothing.
 */
export class NoBios implements BiosInterface {
  readonly kind = 'bios'
  readonly name = 'no-bios'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async applyConfiguration(task: ExclusiveTask): Promise<StepOutcome> {
    return unsupported(task.node.driver, this.kind)
  }

  async factoryReset(task: ExclusiveTask): Promise<StepOutcome> {
    return unsupported(task.node.driver, this.kind)
  }

  async cacheBiosSettings(_task: ExclusiveTask): Promise<void> {}
}
