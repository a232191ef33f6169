/** @module `fake` rescue: rescue and unrescue finish at once. */
import type { ExclusiveTask, Task } from '../types.js'
import type { RescueInterface } from './types.js'

/** Fake rescue, like Ironic's `FakeRescue`. */
export class FakeRescue implements RescueInterface {
  readonly kind = 'rescue'
  readonly name = 'fake'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async rescue(_task: ExclusiveTask): Promise<'rescue'> {
    return 'rescue'
  }

  async unrescue(_task: ExclusiveTask): Promise<'active'> {
    return 'active'
  }
}
