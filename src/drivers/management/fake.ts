/** @module `fake` management: a node that only PXE boots, with two LEDs. */
import { InvalidParameterValueError } from '../../common/errors.js'
import type { ExclusiveTask, Task } from '../types.js'
import type {
  BootDevice,
  BootDeviceInfo,
  Component,
  IndicatorMap,
  IndicatorState,
  ManagementInterface,
} from './types.js'

const INDICATORS: IndicatorMap = {
  chassis: { 'led-0': { readonly: true, states: ['off', 'on'] } },
  system: { led: { readonly: false, states: ['blinking', 'off', 'on'] } },
}

/**
 * Fake management, like Ironic's `FakeManagement`: supports only `pxe`, always reports
 * `pxe` (not persistent), no sensor data, and a read-only chassis LED plus a system LED whose
 * state is always `on`.
 */
export class FakeManagement implements ManagementInterface {
  readonly kind = 'management'
  readonly name = 'fake'

  properties(): Record<string, string> {
    return {}
  }

  async validate(_task: Task): Promise<void> {}

  async getSupportedBootDevices(_task: Task): Promise<readonly BootDevice[]> {
    return ['pxe']
  }

  async setBootDevice(task: ExclusiveTask, device: BootDevice): Promise<void> {
    if (!(await this.getSupportedBootDevices(task)).includes(device)) {
      throw new InvalidParameterValueError(`Invalid boot device ${device} specified.`)
    }
  }

  async getBootDevice(_task: Task): Promise<BootDeviceInfo> {
    return { boot_device: 'pxe', persistent: false }
  }

  async getSensorsData(_task: Task): Promise<Readonly<Record<string, unknown>>> {
    return {}
  }

  async getSupportedIndicators(_task: Task, component?: Component): Promise<IndicatorMap> {
    if (component === undefined) return INDICATORS
    const only = INDICATORS[component]
    return only === undefined ? {} : { [component]: only }
  }

  async getIndicatorState(
    task: Task,
    component: Component,
    indicator: string,
  ): Promise<IndicatorState> {
    const indicators = await this.getSupportedIndicators(task)
    const ofComponent = indicators[component]
    if (ofComponent === undefined) {
      throw new InvalidParameterValueError(`Invalid component ${component} specified.`)
    }
    if (!(indicator in ofComponent)) {
      throw new InvalidParameterValueError(`Invalid indicator ${indicator} specified.`)
    }
    return 'on'
  }
}
