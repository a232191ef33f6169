/** @module Cases every RAID interface must pass. */
import { describe, expect, it } from 'vitest'
import { InvalidParameterValueError } from '../../common/errors.js'
import { applyRaidConfiguration } from '../raid/config.js'
import { memoryTask } from '../testing/memory-task.js'
import { expectIronicError, expectUnsupported, supportOf, type Subject } from './harness.js'

const VALID = { logical_disks: [{ raid_level: '1', size_gb: 100, is_root_volume: true }] }

/** Register the RAID cases for `subject`. */
export function raidCases(subject: Subject<'raid'>): void {
  describe('raid contract', () => {
    it('describes at least raid_level and size_gb', () => {
      const props = subject.create().getLogicalDiskProperties()
      expect(Object.keys(props)).toEqual(expect.arrayContaining(['raid_level', 'size_gb']))
    })

    it('applies a valid configuration and rejects an invalid one, or refuses', async () => {
      const raid = subject.create()
      const task = memoryTask()
      if (!(await supportOf(raid, task))) {
        await expectUnsupported(raid.validateRaidConfig(task, VALID), task.node.driver)
        await expectUnsupported(raid.createConfiguration(task), task.node.driver)
        await expectUnsupported(raid.deleteConfiguration(task), task.node.driver)
        return
      }
      const outcome = await applyRaidConfiguration(raid, task, VALID)
      expect(['done', 'wait']).toContain(outcome.kind)
      expect(task.node.target_raid_config).toEqual(VALID)
      await expectIronicError(
        raid.validateRaidConfig(task, { logical_disks: [{ raid_level: '7', size_gb: 1 }] }),
        InvalidParameterValueError,
      )
      expect(['done', 'wait']).toContain((await raid.deleteConfiguration(task)).kind)
    })
  })
}
