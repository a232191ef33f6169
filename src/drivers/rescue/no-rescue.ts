/** @module `no-rescue`: rescue is not available; validation and every action fail. */
import { unsupported } from '../errors.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { RescueInterface } from './types.js'

/** Like Ironic's `NoRescue`: throws `UnsupportedDriverExtensionError`; `cleanUp` does nothing. */
export class NoRescue implements RescueInterface {
  readonly kind = 'rescue'
  readonly name = 'no-rescue'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async rescue(task: ExclusiveTask): Promise<'rescue'> {
    return unsupported(task.node.driver, this.kind)
  }

  async unrescue(task: ExclusiveTask): Promise<'active'> {
    return unsupported(task.node.driver, this.kind)
  }

  async cleanUp(_task: ExclusiveTask): Promise<void> {}
}
