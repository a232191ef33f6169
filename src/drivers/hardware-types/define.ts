/** @module A hardware type is data: ordered lists of the implementations it supports per kind. */
import type { InterfaceKind } from '../types.js'

/** Supported implementation names per kind, in order of preference. */
export type SupportedInterfaces = Readonly<Record<InterfaceKind, readonly string[]>>

/** A family of hardware that supports the same interfaces (Ironic `AbstractHardwareType`). */
export interface HardwareType {
  /** The API name, used as a node's `driver`. */
  readonly name: string
  /**
   * Per kind, the implementations this type supports. The first one that is enabled is the
   * default, as in Ironic's `driver_factory.default_interface`.
   */
  readonly interfaces: SupportedInterfaces
  /**
   * Accept any enabled implementation, supported or not; the lists then only pick defaults.
   * Only `fake-hardware` does this, so tests can combine anything.
   */
  readonly acceptsAnyEnabled: boolean
}

/** What {@link defineHardwareType} takes. */
export interface HardwareTypeSpec {
  readonly name: string
  readonly interfaces: SupportedInterfaces
  readonly acceptsAnyEnabled?: boolean
}

/**
 * Declare a hardware type; the result is frozen.
 *
 * @example
 * const mine = defineHardwareType({ name: 'mine', interfaces: { ...GENERIC, power: ['ipmitool'] } })
 */
export function defineHardwareType(spec: HardwareTypeSpec): HardwareType {
  const interfaces = Object.fromEntries(
    Object.entries(spec.interfaces).map(([kind, names]) => [kind, Object.freeze([...names])]),
  ) as SupportedInterfaces
  return Object.freeze({
    name: spec.name,
    interfaces: Object.freeze(interfaces),
    acceptsAnyEnabled: spec.acceptsAnyEnabled ?? false,
  })
}
