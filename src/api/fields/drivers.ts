/** @module The fields of a driver (hardware type) object and the microversions that show them. */
import { MINOR } from '../versions.js'

/**
 * Every hardware interface kind a driver reports with `default_<kind>_interface` and
 * `enabled_<kind>_interfaces`, and the minor version from which it is shown. Ironic hides
 * storage below 1.33, rescue below 1.38, bios below 1.40 and firmware below 1.86
 * (`hide_fields_in_newer_versions`); the others come with the detail fields at 1.30.
 */
export const DRIVER_INTERFACE_KINDS: ReadonlyArray<readonly [kind: string, since: number]> = [
  ['bios', MINOR.BIOS_INTERFACE],
  ['boot', MINOR.DYNAMIC_DRIVERS],
  ['console', MINOR.DYNAMIC_DRIVERS],
  ['deploy', MINOR.DYNAMIC_DRIVERS],
  ['firmware', MINOR.FIRMWARE_INTERFACE],
  ['inspect', MINOR.DYNAMIC_DRIVERS],
  ['management', MINOR.DYNAMIC_DRIVERS],
  ['network', MINOR.DYNAMIC_DRIVERS],
  ['power', MINOR.DYNAMIC_DRIVERS],
  ['raid', MINOR.DYNAMIC_DRIVERS],
  ['rescue', MINOR.RESCUE_INTERFACE],
  ['storage', MINOR.STORAGE_INTERFACE],
  ['vendor', MINOR.DYNAMIC_DRIVERS],
]

/** The interface kinds a driver object shows at this minor version. */
export function visibleInterfaceKinds(minor: number): string[] {
  return DRIVER_INTERFACE_KINDS.filter(([, since]) => since <= minor).map(([kind]) => kind)
}

/** `?type=` values Ironic accepts on GET /v1/drivers (classic drivers are gone: always empty). */
export const DRIVER_TYPES: readonly string[] = ['classic', 'dynamic']
