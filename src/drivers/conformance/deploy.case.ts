/** @module Cases every deploy interface must pass. */
import { describe, expect, it } from 'vitest'
import { findStep } from '../steps.js'
import { memoryTask } from '../testing/memory-task.js'
import { type Subject } from './harness.js'

/** Register the deploy cases for `subject`. */
export function deployCases(subject: Subject<'deploy'>): void {
  describe('deploy contract', () => {
    it('offers the deploy step with priority 100', () => {
      const step = findStep(subject.create(), 'deploy', 'deploy')
      expect(step?.flows.deploy?.priority).toBe(100)
    })

    it('prepares, deploys through its step, and tears down', async () => {
      const deploy = subject.create()
      const task = memoryTask()
      await deploy.validate(task)
      await deploy.prepare(task)
      const outcome = await findStep(deploy, 'deploy', 'deploy')?.run(task, {})
      expect(['done', 'wait']).toContain(outcome?.kind)
      await deploy.tearDown(task)
      await deploy.cleanUp(task)
      await deploy.takeOver(task)
    })
  })
}
