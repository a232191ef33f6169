/** @module Cases every storage interface must pass. */
import { describe, expect, it } from 'vitest'
import { memoryTask } from '../testing/memory-task.js'
import { type Subject } from './harness.js'

/** Register the storage cases for `subject`. */
export function storageCases(subject: Subject<'storage'>): void {
  describe('storage contract', () => {
    it('attaches and detaches the volumes of a node without any', async () => {
      const storage = subject.create()
      const task = memoryTask()
      await storage.validate(task)
      await storage.attachVolumes(task)
      await storage.detachVolumes(task)
    })

    it('writes the image locally when the node has no volumes', () => {
      expect(subject.create().shouldWriteImage(memoryTask())).toBe(true)
    })
  })
}
