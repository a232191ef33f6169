/** @module The storage interface contract (Ironic `drivers/base.py` `StorageInterface`). */
import type { DriverInterface, ExclusiveTask, Task } from '../types.js'

/** Attaches remote volumes for boot from volume. */
export interface StorageInterface extends DriverInterface<'storage'> {
  attachVolumes(task: ExclusiveTask): Promise<void>
  detachVolumes(task: ExclusiveTask): Promise<void>
  /** Should the deploy write an image to a local disk (false when booting from a volume). */
  shouldWriteImage(task: Task): boolean
}
