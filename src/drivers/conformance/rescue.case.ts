/** @module Cases every rescue interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { expectUnsupported, supportOf, type Subject } from './harness.js'

/** Register the rescue cases for `subject`. */
export function rescueCases(subject: Subject<'rescue'>): void {
  describe('rescue contract', () => {
    it('rescues and unrescues, or refuses both', async () => {
      const rescue = subject.create()
      const task = memoryTask()
      if (await supportOf(rescue, task)) {
        expect(['rescue', 'rescue wait']).toContain(await rescue.rescue(task))
        expect(await rescue.unrescue(task)).toBe('active')
      } else {
        await expectUnsupported(rescue.rescue(task), task.node.driver)
        await expectUnsupported(rescue.unrescue(task), task.node.driver)
      }
      await rescue.cleanUp?.(task)
    })
  })
}
