/** @module The BIOS interface contract (Ironic `drivers/base.py` `BIOSInterface`). */
import { InvalidParameterValueError } from '../../common/errors.js'
import type { StepArgs, StepOutcome } from '../steps.js'
import type { DriverInterface, ExclusiveTask } from '../types.js'

/** One BIOS setting, as `GET /v1/nodes/{node}/bios` lists them. */
export interface BiosSetting {
  readonly name: string
  readonly value: string | null
}

/** The node's cached BIOS settings (Ironic's `bios_settings` table), provided by the conductor. */
export interface BiosSettingsStore {
  list(): Promise<readonly BiosSetting[]>
  /** Make the cache exactly `settings`: create new names, update changed ones, drop the rest. */
  replace(settings: readonly BiosSetting[]): Promise<void>
}

/** Reads and changes BIOS settings; real implementations expose these as clean steps. */
export interface BiosInterface extends DriverInterface<'bios'> {
  applyConfiguration(task: ExclusiveTask, settings: readonly BiosSetting[]): Promise<StepOutcome>
  factoryReset(task: ExclusiveTask): Promise<StepOutcome>
  /** Read the settings from the hardware into the cache. */
  cacheBiosSettings(task: ExclusiveTask): Promise<void>
}

/** Read the `settings` step argument (a list of `{name, value}`); 400 when malformed. */
export function settingsArg(args: StepArgs): readonly BiosSetting[] {
  const raw = args['settings']
  if (!Array.isArray(raw)) {
    throw new InvalidParameterValueError('"settings" must be a list of {name, value} objects.')
  }
  return raw.map((item: unknown) => {
    const s = item as Partial<BiosSetting> | null
    if (s === null || typeof s !== 'object' || typeof s.name !== 'string') {
      throw new InvalidParameterValueError('Each item of "settings" needs a string "name".')
    }
    return {
      name: s.name,
      value: s.value === undefined || s.value === null ? null : String(s.value),
    }
  })
}
