/** @module Which hardware types and interfaces are enabled, with Ironic's defaults and clean-up. */
import type { HardwareType } from './hardware-types/define.js'
import { INTERFACE_KINDS, type InterfaceKind } from './types.js'

/**
 * The `[DEFAULT]` driver options of `ironic.conf`: `enabled_hardware_types`,
 * `enabled_<kind>_interfaces` and `default_<kind>_interface`.
 */
export interface DriverConfig {
  readonly enabled_hardware_types: readonly string[]
  /** An empty list means "compute it": the first supported entry of each enabled type. */
  readonly enabled: Readonly<Record<InterfaceKind, readonly string[]>>
  /** `null` means "the first enabled entry of the hardware type's list". */
  readonly defaults: Readonly<Record<InterfaceKind, string | null>>
}

/** Ironic master's defaults (`ironic/conf/default.py`). */
export const IRONIC_DEFAULT_DRIVER_CONFIG: DriverConfig = Object.freeze({
  enabled_hardware_types: ['ipmi', 'redfish'],
  enabled: {
    bios: ['no-bios', 'redfish'],
    boot: ['ipxe', 'pxe', 'redfish-virtual-media'],
    console: ['no-console'],
    deploy: ['autodetect', 'direct', 'ramdisk', 'bootc'],
    firmware: ['no-firmware'],
    inspect: ['no-inspect', 'redfish'],
    management: [],
    network: ['flat', 'noop'],
    power: [],
    raid: ['agent', 'no-raid', 'redfish'],
    rescue: ['no-rescue'],
    storage: ['cinder', 'noop'],
    vendor: ['ipmitool', 'redfish', 'no-vendor'],
  },
  defaults: {
    bios: null,
    boot: null,
    console: null,
    deploy: null,
    firmware: null,
    inspect: null,
    management: null,
    network: null,
    power: null,
    raid: null,
    rescue: null,
    storage: 'noop',
    vendor: null,
  },
})

/**
 * Everything Anvil implements today, on `fake-hardware` only: for tests and demos. The other
 * hardware types need interfaces (`ipxe`, `ipmitool`...) that are not implemented yet.
 */
export const FAKE_DRIVER_CONFIG: DriverConfig = Object.freeze({
  enabled_hardware_types: ['fake-hardware'],
  enabled: {
    bios: ['fake', 'no-bios'],
    boot: ['fake'],
    console: ['fake', 'no-console'],
    deploy: ['fake', 'noop'],
    firmware: ['fake', 'no-firmware'],
    inspect: ['fake', 'no-inspect'],
    management: ['fake', 'noop'],
    network: ['noop'],
    power: ['fake'],
    raid: ['fake', 'no-raid'],
    rescue: ['fake', 'no-rescue'],
    storage: ['fake', 'noop'],
    vendor: ['fake', 'no-vendor'],
  },
  defaults: {
    bios: null,
    boot: null,
    console: null,
    deploy: null,
    firmware: null,
    inspect: null,
    management: null,
    network: null,
    power: null,
    raid: null,
    rescue: null,
    storage: null,
    vendor: null,
  },
})

/** A configuration with every list cleaned and every empty interface list computed. */
export interface NormalizedDriverConfig {
  readonly config: DriverConfig
  /** What Ironic would log as warnings (empty or duplicated names). */
  readonly warnings: readonly string[]
}

/**
 * Clean a configuration as Ironic's driver factories do: drop empty names, drop duplicates
 * (with a warning), and fill an empty `enabled_<kind>_interfaces` with the first supported
 * implementation of each enabled hardware type (`InterfaceFactory._set_enabled_drivers`).
 */
export function normalizeDriverConfig(
  config: DriverConfig,
  hardwareType: (name: string) => HardwareType | undefined,
): NormalizedDriverConfig {
  const warnings: string[] = []
  const types = dedupe(config.enabled_hardware_types, 'enabled_hardware_types', warnings)
  const enabled = {} as Record<InterfaceKind, readonly string[]>
  for (const kind of INTERFACE_KINDS) {
    const names = dedupe(config.enabled[kind], `enabled_${kind}_interfaces`, warnings)
    if (names.length === 0) {
      for (const type of types) {
        const first = hardwareType(type)?.interfaces[kind][0]
        if (first !== undefined && !names.includes(first)) names.push(first)
      }
    }
    enabled[kind] = Object.freeze(names)
  }
  const defaults = {} as Record<InterfaceKind, string | null>
  for (const kind of INTERFACE_KINDS) {
    const name = config.defaults[kind]
    defaults[kind] = name === '' ? null : name
  }
  return {
    config: Object.freeze({
      enabled_hardware_types: Object.freeze(types),
      enabled: Object.freeze(enabled),
      defaults: Object.freeze(defaults),
    }),
    warnings,
  }
}

function dedupe(names: readonly string[], option: string, warnings: string[]): string[] {
  const out: string[] = []
  const duplicated: string[] = []
  for (const raw of names) {
    const name = raw.trim()
    if (name === '') {
      warnings.push(
        `An empty driver was specified in the "${option}" configuration option and will be ` +
          'ignored. Please fix your ironic.conf file to avoid this warning message.',
      )
    } else if (out.includes(name)) {
      if (!duplicated.includes(name)) duplicated.push(name)
    } else {
      out.push(name)
    }
  }
  if (duplicated.length > 0) {
    warnings.push(
      `The driver(s) "${duplicated.join(', ')}" is/are duplicated in the list of enabled_drivers. ` +
        'Please check your configuration file.',
    )
  }
  return out
}
