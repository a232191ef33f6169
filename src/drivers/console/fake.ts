/** @module `fake` console: starting and stopping succeed; there is nothing to connect to. */
import type { ExclusiveTask, Task } from '../types.js'
import type { ConsoleInfo, ConsoleInterface } from './types.js'

/** Fake console, like Ironic's `FakeConsole`: `getConsole` returns `{}`. */
export class FakeConsole implements ConsoleInterface {
  readonly kind = 'console'
  readonly name = 'fake'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async startConsole(_task: ExclusiveTask): Promise<void> {}

  async stopConsole(_task: ExclusiveTask): Promise<void> {}

  async getConsole(_task: Task): Promise<ConsoleInfo> {
    return {}
  }
}
