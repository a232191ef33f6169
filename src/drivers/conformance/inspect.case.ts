/** @module Cases every inspect interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { expectUnsupported, supportOf, type Subject } from './harness.js'

/** Register the inspect cases for `subject`. */
export function inspectCases(subject: Subject<'inspect'>): void {
  describe('inspect contract', () => {
    it('inspects to manageable or inspect wait, or refuses', async () => {
      const inspect = subject.create()
      const task = memoryTask()
      if (await supportOf(inspect, task)) {
        expect(['manageable', 'inspect wait']).toContain(await inspect.inspectHardware(task))
      } else {
        await expectUnsupported(inspect.inspectHardware(task), task.node.driver)
      }
    })
  })
}
