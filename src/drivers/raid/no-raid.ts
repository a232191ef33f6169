/** @module `no-raid`: RAID is not managed; validation and every change fail. */
import { unsupported } from '../errors.js'
import type { StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import { logicalDiskProperties } from './config.js'
import type { RaidInterface } from './types.js'

/** Like Ironic's `NoRAID`: throws `UnsupportedDriverExtensionError`. */
export class NoRaid implements RaidInterface {
  readonly kind = 'raid'
  readonly name = 'no-raid'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async validateRaidConfig(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async createConfiguration(task: ExclusiveTask): Promise<StepOutcome> {
    return unsupported(task.node.driver, this.kind)
  }

  async deleteConfiguration(task: ExclusiveTask): Promise<StepOutcome> {
    return unsupported(task.node.driver, this.kind)
  }

  /** Ironic's `NoRAID` inherits the schema's properties; kept for parity. */
  getLogicalDiskProperties(): Record<string, string> {
    return logicalDiskProperties()
  }
}
