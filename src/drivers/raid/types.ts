/** @module The RAID interface contract (Ironic `drivers/base.py` `RAIDInterface`). */
import type { StepOutcome } from '../steps.js'
import type { DriverInterface, ExclusiveTask, JsonObject, Task } from '../types.js'

/** Which volumes of `target_raid_config` to create. */
export interface CreateRaidOptions {
  readonly createRootVolume?: boolean
  readonly createNonrootVolumes?: boolean
  /** Delete the existing configuration first. */
  readonly deleteExisting?: boolean
}

/**
 * Builds and removes RAID volumes from the node's `target_raid_config`. Applying a given
 * configuration (Ironic's `apply_configuration`) is {@link applyRaidConfiguration} in
 * `raid/config.ts`, shared by every implementation.
 */
export interface RaidInterface extends DriverInterface<'raid'> {
  /** Check a RAID configuration (`PUT /v1/nodes/{node}/states/raid`); 400 when invalid. */
  validateRaidConfig(task: Task, config: JsonObject): Promise<void>
  createConfiguration(task: ExclusiveTask, opts?: CreateRaidOptions): Promise<StepOutcome>
  deleteConfiguration(task: ExclusiveTask): Promise<StepOutcome>
  /** Logical disk properties and their descriptions (`GET /v1/drivers/{d}/raid/...`). */
  getLogicalDiskProperties(): Readonly<Record<string, string>>
}
