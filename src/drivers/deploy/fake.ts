/** @module `fake` deploy: deployment succeeds at once and writes nothing. */
import { DONE, defineStep, type StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { DeployInterface } from './types.js'

/** Fake deploy, like Ironic's `FakeDeploy`: a synchronous `deploy` step (priority 100). */
export class FakeDeploy implements DeployInterface {
  readonly kind = 'deploy'
  readonly name = 'fake'
  readonly steps = [
    defineStep({ name: 'deploy', flows: ['deploy'], priority: 100, run: (t) => this.deploy(t) }),
  ]

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async prepare(_task: ExclusiveTask): Promise<void> {}

  async deploy(_task: ExclusiveTask): Promise<StepOutcome> {
    return DONE
  }

  async tearDown(_task: ExclusiveTask): Promise<void> {}

  async cleanUp(_task: Task): Promise<void> {}

  async takeOver(_task: ExclusiveTask): Promise<void> {}
}
