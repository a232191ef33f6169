/** @module `noop` management: the operator set the boot order (PXE, then disk) by hand. */
import { InvalidParameterValueError } from '../../common/errors.js'
import type { DriverDeps, ExclusiveTask, Task } from '../types.js'
import type { BootDevice, BootDeviceInfo, ManagementInterface } from './types.js'

/**
 * No-op management, like Ironic's `NoopManagement`: accepts `pxe` and `disk` without touching
 * anything, assuming the machine already tries PXE first and falls back to its disk, and
 * reports `pxe`, persistent.
 */
export class NoopManagement implements ManagementInterface {
  readonly kind = 'management'
  readonly name = 'noop'
  readonly #log: NonNullable<DriverDeps['log']>

  constructor(deps: DriverDeps = {}) {
    this.#log = deps.log ?? (() => {})
  }

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async getSupportedBootDevices(_task: Task): Promise<readonly BootDevice[]> {
    return ['pxe', 'disk']
  }

  async setBootDevice(task: ExclusiveTask, device: BootDevice): Promise<void> {
    const supported = await this.getSupportedBootDevices(task)
    if (!supported.includes(device)) {
      throw new InvalidParameterValueError(
        `Invalid boot device ${device} specified, supported are ${supported.join(', ')}.`,
      )
    }
    this.#log(
      'Setting boot device with noop management; assuming the boot order is already configured',
      { node: task.node.uuid, target: device },
    )
  }

  async getBootDevice(_task: Task): Promise<BootDeviceInfo> {
    return { boot_device: 'pxe', persistent: true }
  }
}
