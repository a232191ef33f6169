/** @module `fake` RAID: validates configurations, creates and deletes nothing. */
import { DONE, type StepOutcome } from '../steps.js'
import type { ExclusiveTask, JsonObject, Task } from '../types.js'
import { logicalDiskProperties, validateRaidConfiguration } from './config.js'
import type { RaidInterface } from './types.js'

/**
 * Fake RAID, like Ironic's `FakeRAID`: validation checks `target_raid_config` (when set)
 * against the RAID schema; creating and deleting succeed at once and change nothing.
 */
export class FakeRaid implements RaidInterface {
  readonly kind = 'raid'
  readonly name = 'fake'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    const target = task.node.target_raid_config
    if (Object.keys(target).length > 0) await this.validateRaidConfig(task, target)
  }

  async validateRaidConfig(_task: Task, config: JsonObject): Promise<void> {
    validateRaidConfiguration(config)
  }

  async createConfiguration(_task: ExclusiveTask): Promise<StepOutcome> {
    return DONE
  }

  async deleteConfiguration(_task: ExclusiveTask): Promise<StepOutcome> {
    return DONE
  }

  getLogicalDiskProperties(): Record<string, string> {
    return logicalDiskProperties()
  }
}
