/** @module Cases every console interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { expectUnsupported, supportOf, type Subject } from './harness.js'

/** Register the console cases for `subject`. */
export function consoleCases(subject: Subject<'console'>): void {
  describe('console contract', () => {
    it('starts, describes and stops the console, or refuses all three', async () => {
      const iface = subject.create()
      const task = memoryTask()
      if (await supportOf(iface, task)) {
        await iface.startConsole(task)
        await iface.startConsole(task) // starting twice is fine
        expect(typeof (await iface.getConsole(task))).toBe('object')
        await iface.stopConsole(task)
      } else {
        await expectUnsupported(iface.startConsole(task), task.node.driver)
        await expectUnsupported(iface.getConsole(task), task.node.driver)
        await expectUnsupported(iface.stopConsole(task), task.node.driver)
      }
    })
  })
}
