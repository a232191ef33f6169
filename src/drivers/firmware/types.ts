/** @module The firmware interface contract (Ironic `drivers/base.py` `FirmwareInterface`). */
import { InvalidParameterValueError } from '../../common/errors.js'
import type { StepArgs, StepOutcome } from '../steps.js'
import type { DriverInterface, ExclusiveTask } from '../types.js'

/** One requested update: a component (`bios`, `bmc`, a NIC id) and the image to flash. */
export interface FirmwareUpdate {
  readonly component: string
  readonly url: string
  readonly [extra: string]: unknown
}

/** Updates firmware components and caches their versions. */
export interface FirmwareInterface extends DriverInterface<'firmware'> {
  update(task: ExclusiveTask, settings: readonly FirmwareUpdate[]): Promise<StepOutcome>
  /** Read the component versions from the hardware into the node's firmware records. */
  cacheFirmwareComponents(task: ExclusiveTask): Promise<void>
}

/** Read the `settings` step argument of `firmware.update`; 400 when malformed. */
export function firmwareSettingsArg(args: StepArgs): readonly FirmwareUpdate[] {
  const raw = args['settings']
  if (!Array.isArray(raw)) {
    throw new InvalidParameterValueError('"settings" must be a list of firmware components.')
  }
  return raw.map((item: unknown) => {
    const s = item as Partial<FirmwareUpdate> | null
    if (s === null || typeof s !== 'object' || typeof s.component !== 'string') {
      throw new InvalidParameterValueError('Each item of "settings" needs a string "component".')
    }
    return { ...s, component: s.component, url: typeof s.url === 'string' ? s.url : '' }
  })
}
