/** @module The lists every generic hardware type starts from (Ironic `GenericHardware`). */
import type { InterfaceKind } from '../types.js'

/**
 * Supported implementations of the kinds a generic type defines, defaults first. Not a hardware
 * type itself: Ironic's `GenericHardware` is abstract and lacks power and management.
 */
export const GENERIC_INTERFACES = {
  bios: ['no-bios'],
  boot: ['ipxe', 'pxe', 'http-ipxe', 'http'],
  console: ['no-console', 'fake-graphical'],
  deploy: ['autodetect', 'direct', 'ansible', 'ramdisk', 'anaconda', 'bootc', 'custom-agent'],
  firmware: ['no-firmware'],
  // Agent inspection first: in-band inspection is built in now that ironic-inspector merged.
  inspect: ['agent', 'no-inspect'],
  network: ['flat', 'neutron', 'ironic-networking', 'noop'],
  // The agent RAID and rescue need extras on the ramdisk, so the no-op ones stay the default.
  raid: ['no-raid', 'agent'],
  rescue: ['no-rescue', 'agent'],
  storage: ['noop', 'cinder', 'external'],
  vendor: ['no-vendor'],
} as const satisfies Readonly<
  Record<Exclude<InterfaceKind, 'power' | 'management'>, readonly string[]>
>
