/** @module Cases every BIOS interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { expectUnsupported, supportOf, type Subject } from './harness.js'

const SETTINGS = [
  { name: 'ProcVirtualization', value: 'Enabled' },
  { name: 'BootMode', value: 'Uefi' },
]

/** Register the BIOS cases for `subject`. */
export function biosCases(subject: Subject<'bios'>): void {
  describe('bios contract', () => {
    it('applies settings so that the cache then holds them, or refuses', async () => {
      const bios = subject.create()
      const task = memoryTask({ bios: [{ name: 'Old', value: '1' }] })
      if (!(await supportOf(bios, task))) {
        await expectUnsupported(bios.applyConfiguration(task, SETTINGS), task.node.driver)
        return
      }
      const outcome = await bios.applyConfiguration(task, SETTINGS)
      expect(['done', 'wait']).toContain(outcome.kind)
      if (outcome.kind !== 'done') return
      await bios.cacheBiosSettings(task)
      expect(await task.biosSettings.list()).toEqual(expect.arrayContaining(SETTINGS))
    })

    it('resets to factory defaults, or refuses', async () => {
      const bios = subject.create()
      const task = memoryTask()
      if (await supportOf(bios, task)) {
        expect(['done', 'wait']).toContain((await bios.factoryReset(task)).kind)
      } else {
        await expectUnsupported(bios.factoryReset(task), task.node.driver)
      }
    })

    it('can always be asked to cache the settings', async () => {
      await subject.create().cacheBiosSettings(memoryTask())
    })
  })
}
