/** @module Cases every firmware interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { expectUnsupported, supportOf, type Subject } from './harness.js'

/** Register the firmware cases for `subject`. */
export function firmwareCases(subject: Subject<'firmware'>): void {
  describe('firmware contract', () => {
    it('updates a component, or refuses', async () => {
      const fw = subject.create()
      const task = memoryTask()
      const settings = [{ component: 'bmc', url: 'http://images.example/bmc.bin' }]
      if (await supportOf(fw, task)) {
        expect(['done', 'wait']).toContain((await fw.update(task, settings)).kind)
      } else {
        await expectUnsupported(fw.update(task, settings), task.node.driver)
      }
    })

    it('can always be asked to cache the components', async () => {
      await subject.create().cacheFirmwareComponents(memoryTask())
    })
  })
}
