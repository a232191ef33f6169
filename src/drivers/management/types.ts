/** @module The management interface contract (Ironic `drivers/base.py` `ManagementInterface`). */
import type { DriverInterface, ExclusiveTask, Task } from '../types.js'

/** Boot devices, byte-for-byte Ironic's `common/boot_devices.py`. */
export const BootDevice = {
  Pxe: 'pxe',
  Disk: 'disk',
  Cdrom: 'cdrom',
  Bios: 'bios',
  Safe: 'safe',
  Wanboot: 'wanboot',
  IscsiBoot: 'iscsiboot',
  Floppy: 'floppy',
  UefiHttp: 'uefihttp',
} as const

/** One boot device string. */
export type BootDevice = (typeof BootDevice)[keyof typeof BootDevice]

/** Boot modes (`common/boot_modes.py`). */
export type BootMode = 'bios' | 'uefi'

/** Indicator (LED) states (`common/indicator_states.py`). */
export type IndicatorState = 'off' | 'on' | 'blinking' | 'unknown'

/** Hardware components that carry indicators (`common/components.py`). */
export type Component = 'chassis' | 'system' | 'disk' | 'power' | 'nic'

/** One indicator as `GET /v1/nodes/{node}/management/indicators` shows it. */
export interface IndicatorInfo {
  readonly readonly: boolean
  readonly states: readonly IndicatorState[]
}

/** Indicators per component, then per indicator name. */
export type IndicatorMap = Readonly<
  Partial<Record<Component, Readonly<Record<string, IndicatorInfo>>>>
>

/** The answer of `getBootDevice`; `null` fields mean "unknown". */
export interface BootDeviceInfo {
  readonly boot_device: BootDevice | null
  readonly persistent: boolean | null
}

/**
 * Boot device, boot mode, indicators, sensors: everything the BMC does besides power.
 * Optional methods are capabilities; callers check for them and throw
 * `UnsupportedDriverExtensionError` when absent.
 */
export interface ManagementInterface extends DriverInterface<'management'> {
  getSupportedBootDevices(task: Task): Promise<readonly BootDevice[]>
  /** Throws `InvalidParameterValueError` for a device outside the supported list. */
  setBootDevice(
    task: ExclusiveTask,
    device: BootDevice,
    opts?: { persistent?: boolean },
  ): Promise<void>
  getBootDevice(task: Task): Promise<BootDeviceInfo>
  getSupportedBootModes?(task: Task): Promise<readonly BootMode[]>
  setBootMode?(task: ExclusiveTask, mode: BootMode): Promise<void>
  getBootMode?(task: Task): Promise<BootMode | null>
  getSecureBootState?(task: Task): Promise<boolean>
  setSecureBootState?(task: ExclusiveTask, state: boolean): Promise<void>
  /** Sensor readings grouped by sensor type (Ironic's `get_sensors_data`). */
  getSensorsData?(task: Task): Promise<Readonly<Record<string, unknown>>>
  injectNmi?(task: ExclusiveTask): Promise<void>
  /** Indicators of every component, or only of `component`. */
  getSupportedIndicators?(task: Task, component?: Component): Promise<IndicatorMap>
  setIndicatorState?(
    task: ExclusiveTask,
    component: Component,
    indicator: string,
    state: IndicatorState,
  ): Promise<void>
  getIndicatorState?(task: Task, component: Component, indicator: string): Promise<IndicatorState>
  /** The BMC vendor, or `null` when it cannot tell. */
  detectVendor?(task: Task): Promise<string | null>
  getMacAddresses?(task: Task): Promise<readonly string[]>
}
