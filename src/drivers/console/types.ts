/** @module The console interface contract (Ironic `drivers/base.py` `ConsoleInterface`). */
import type { DriverInterface, ExclusiveTask, Task } from '../types.js'

/** How to reach a started console (`GET /v1/nodes/{node}/states/console` `console_info`). */
export interface ConsoleInfo {
  readonly type?: string
  readonly url?: string
}

/** Serial or graphical console access. */
export interface ConsoleInterface extends DriverInterface<'console'> {
  /** Start the console; no error when it already runs. */
  startConsole(task: ExclusiveTask): Promise<void>
  stopConsole(task: ExclusiveTask): Promise<void>
  getConsole(task: Task): Promise<ConsoleInfo>
}
