/** @module Cases every boot interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { supportOf, type Subject } from './harness.js'

/** Register the boot cases for `subject`. */
export function bootCases(subject: Subject<'boot'>): void {
  describe('boot contract', () => {
    it('lists its capabilities as strings', () => {
      for (const c of subject.create().capabilities) expect(typeof c).toBe('string')
    })

    it('prepares and cleans up the ramdisk and the instance of a valid node', async () => {
      const boot = subject.create()
      const task = memoryTask()
      if (!(await supportOf(boot, task))) return
      await boot.prepareRamdisk(task, {}, { mode: 'deploy' })
      await boot.cleanUpRamdisk(task, { mode: 'deploy' })
      await boot.prepareInstance(task)
      await boot.cleanUpInstance(task)
    })
  })
}
