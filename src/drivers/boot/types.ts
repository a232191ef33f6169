/** @module The boot interface contract (Ironic `drivers/base.py` `BootInterface`). */
import type { DriverInterface, ExclusiveTask, Task } from '../types.js'

/** Why a ramdisk is booted. */
export type RamdiskMode = 'deploy' | 'rescue' | 'inspect' | 'clean' | 'service'

/** Parameters handed to the ramdisk (kernel command line or virtual media config). */
export type RamdiskParams = Readonly<Record<string, unknown>>

/** Prepares how a node boots: the agent ramdisk, then the instance. */
export interface BootInterface extends DriverInterface<'boot'> {
  /** What the interface can do, e.g. `ipxe_boot`, `pxe_boot`. */
  readonly capabilities: readonly string[]
  prepareRamdisk(
    task: ExclusiveTask,
    params: RamdiskParams,
    opts?: { mode?: RamdiskMode },
  ): Promise<void>
  cleanUpRamdisk(task: ExclusiveTask, opts?: { mode?: RamdiskMode }): Promise<void>
  prepareInstance(task: ExclusiveTask): Promise<void>
  cleanUpInstance(task: ExclusiveTask): Promise<void>
  /** Check the node can boot a rescue ramdisk; absent means rescue is unsupported. */
  validateRescue?(task: Task): Promise<void>
  /** Check the node can boot an inspection ramdisk; absent means unsupported. */
  validateInspection?(task: Task): Promise<void>
}
