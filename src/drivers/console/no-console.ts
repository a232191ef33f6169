/** @module `no-console`: the node has no console; validation and every action fail. */
import { unsupported } from '../errors.js'
import type { ExclusiveTask, Task } from '../types.js'
import type { ConsoleInfo, ConsoleInterface } from './types.js'

/** Like Ironic's `NoConsole`: throws `UnsupportedDriverExtensionError` from everything. */
export class NoConsole implements ConsoleInterface {
  readonly kind = 'console'
  readonly name = 'no-console'

  properties(): Record<string, string> {
    return {}
  }

  async validate(task: Task): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async startConsole(task: ExclusiveTask): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async stopConsole(task: ExclusiveTask): Promise<void> {
    unsupported(task.node.driver, this.kind)
  }

  async getConsole(task: Task): Promise<ConsoleInfo> {
    return unsupported(task.node.driver, this.kind)
  }
}
