/** @module The inspect interface contract (Ironic `drivers/base.py` `InspectInterface`). */
import type { DriverInterface, ExclusiveTask, JsonObject } from '../types.js'

/** Discovers a node's hardware properties, out of band or through the agent. */
export interface InspectInterface extends DriverInterface<'inspect'> {
  /** `manageable` when done, `inspect wait` when the agent will report back. */
  inspectHardware(task: ExclusiveTask): Promise<'manageable' | 'inspect wait'>
  /** Stop an inspection in progress; absent means it cannot be aborted. */
  abort?(task: ExclusiveTask): Promise<void>
  /** Process the inventory an agent posted; absent for out-of-band inspection. */
  continueInspection?(
    task: ExclusiveTask,
    inventory: JsonObject,
    pluginData: JsonObject,
  ): Promise<'manageable' | 'inspect wait'>
}
