/** @module `fake` inspect: inspection finishes at once and discovers nothing. */
import type { ExclusiveTask, Task } from '../types.js'
import type { InspectInterface } from './types.js'

/** Fake inspect, like Ironic's `FakeInspect`: `inspectHardware` returns `manageable`. */
export class FakeInspect implements InspectInterface {
  readonly kind = 'inspect'
  readonly name = 'fake'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async inspectHardware(_task: ExclusiveTask): Promise<'manageable'> {
    return 'manageable'
  }
}
