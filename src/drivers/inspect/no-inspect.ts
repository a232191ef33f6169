/** @module `no-inspect`: inspection is not available; validation and inspection fail. */
import { unsupported } from '../errors.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { InspectInterface } from './types.js'

/** Like Ironic's `NoInspect`: throws `UnsupportedDriverExtensionError`. */
export class NoInspect implements InspectInterface {
  readonly kind = 'inspect'
  readonly name = 'no-inspect'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async inspectHardware(task: ExclusiveTask): Promise<'manageable'> {
    return unsupported(task.node.driver, this.kind)
  }
}
