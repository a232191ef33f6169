/** @module Cases every console interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { expectUnsupported, supportOf, type Subject } from './harness.js'

/** Register the console cases for `subject`. */
export function consoleCases(subject: Subject<'console'>): void {
  describe('console contract', () => {
    it('starts, describes and stops the console, or refuses all three', async () => {
      const console = subject.create()
      const task = memoryTask()
      if (await supportOf(console, task)) {
        await console.startConsole(task)
        await console.startConsole(task) // starting twice is fine
        expect(typeof (await console.getConsole(task))).toBe('object')
        await console.stopConsole(task)
      } else {
        await expectUnsupported(console.startConsole(task), task.node.driver)
        await expectUnsupported(console.getConsole(task), task.node.driver)
        await expectUnsupported(console.stopConsole(task), task.node.driver)
      }
    })
  })
}
