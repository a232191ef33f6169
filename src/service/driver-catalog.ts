/**
 * @module Adapts the driver factory to what the API needs (DriverCatalog), and builds the
 * factory from the configuration.
 */
import type { Config } from '../common/config.js'
import type { DriverCatalog } from '../api/deps.js'
import { createDriverFactory, type DriverFactory } from '../drivers/registry.js'
import { logicalDiskProperties } from '../drivers/raid/config.js'
import { INTERFACE_KINDS, type InterfaceKind } from '../drivers/types.js'

export function driverFactoryFrom(config: Config): DriverFactory {
  const d = config.DEFAULT as unknown as Record<string, unknown>
  const enabled = {} as Record<InterfaceKind, readonly string[]>
  const defaults = {} as Record<InterfaceKind, string | null>
  for (const kind of INTERFACE_KINDS) {
    enabled[kind] = d[`enabled_${kind}_interfaces`] as readonly string[]
    defaults[kind] = (d[`default_${kind}_interface`] as string | null) ?? null
  }
  return createDriverFactory(
    { enabled_hardware_types: config.DEFAULT.enabled_hardware_types, enabled, defaults },
    { host: config.DEFAULT.host },
  )
}

export function driverCatalog(factory: DriverFactory): DriverCatalog {
  return {
    hardwareTypes: () => factory.enabledHardwareTypes(),
    resolveInterfaces(driver, requested) {
      const input: Record<string, unknown> = { driver }
      for (const [k, v] of Object.entries(requested)) if (v !== null && v !== undefined) input[k] = v
      const { interfaces } = factory.resolveNodeInterfaces(input as never)
      const out: Record<string, string> = {}
      for (const [kind, name] of Object.entries(interfaces)) out[`${kind}_interface`] = name
      return out
    },
    interfacesOf(driver) {
      return { enabled: factory.enabledInterfaces(driver), defaults: factory.defaultInterfaces(driver) }
    },
    propertiesOf: (driver) => factory.properties(driver),
    raidLogicalDiskPropertiesOf: (driver) => {
      factory.hardwareType(driver)
      return logicalDiskProperties()
    },
  }
}
