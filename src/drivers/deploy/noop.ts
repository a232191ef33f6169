/** @module `noop` deploy: for machines whose disk the operator prepared; "deploys" nothing. */
import { DONE, defineStep, type StepOutcome } from '../steps.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { DeployInterface } from './types.js'

/**
 * No-op deploy, like Ironic's `NoDeploy` (API name `noop`): accepts any node and succeeds at
 * once. Unlike the `no-*` interfaces it does not fail; `manual-management` offers it.
 */
export class NoopDeploy implements DeployInterface {
  readonly kind = 'deploy'
  readonly name = 'noop'
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
