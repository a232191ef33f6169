/** @module The registry: every implementation and hardware type by API name (Ironic's entry points). */
import { FakeBios } from './bios/fake.js'
import { NoBios } from './bios/no-bios.js'
import { FakeBoot } from './boot/fake.js'
import { FakeConsole } from './console/fake.js'
import { NoConsole } from './console/no-console.js'
import { FakeDeploy } from './deploy/fake.js'
import { NoopDeploy } from './deploy/noop.js'
import { FakeFirmware } from './firmware/fake.js'
import { NoFirmware } from './firmware/no-firmware.js'
import type { HardwareType } from './hardware-types/define.js'
import { fakeHardware } from './hardware-types/fake-hardware.js'
import { ipmiHardware } from './hardware-types/ipmi.js'
import { manualManagementHardware } from './hardware-types/manual-management.js'
import { redfishHardware } from './hardware-types/redfish.js'
import { FakeInspect } from './inspect/fake.js'
import { NoInspect } from './inspect/no-inspect.js'
import { FakeManagement } from './management/fake.js'
import { NoopManagement } from './management/noop.js'
import { FlatNetwork } from './network/flat.js'
import { NoopNetwork } from './network/noop.js'
import { FakePower } from './power/fake.js'
import { FakeRaid } from './raid/fake.js'
import { NoRaid } from './raid/no-raid.js'
import { FakeRescue } from './rescue/fake.js'
import { NoRescue } from './rescue/no-rescue.js'
import { FakeStorage } from './storage/fake.js'
import { NoopStorage } from './storage/noop.js'
import type { DriverDeps, InterfaceByKind, InterfaceKind } from './types.js'
import { FakeVendor } from './vendor/fake.js'
import { NoVendor } from './vendor/no-vendor.js'

/**
 * One registered implementation. `implemented: false` marks a name Ironic has and Anvil will
 * implement: it can be enabled and listed, but building it throws `DriverLoadError`.
 */
export type ImplementationEntry<K extends InterfaceKind> =
  | { readonly implemented: true; readonly create: (deps: DriverDeps) => InterfaceByKind[K] }
  | { readonly implemented: false }

/** Implementations per kind, by API name. */
export type InterfaceCatalog = {
  readonly [K in InterfaceKind]: Readonly<Record<string, ImplementationEntry<K>>>
}

function impl<K extends InterfaceKind>(
  _kind: K,
  create: (deps: DriverDeps) => InterfaceByKind[K],
): ImplementationEntry<K> {
  return Object.freeze({ implemented: true, create })
}

/** A name known from Ironic, not implemented yet. */
const PLANNED: { readonly implemented: false } = Object.freeze({ implemented: false })

/** Every interface implementation by kind and API name. */
export const INTERFACES: InterfaceCatalog = {
  bios: {
    fake: impl('bios', () => new FakeBios()),
    'no-bios': impl('bios', () => new NoBios()),
    redfish: PLANNED,
  },
  boot: {
    fake: impl('boot', () => new FakeBoot()),
    ipxe: PLANNED,
    pxe: PLANNED,
    'http-ipxe': PLANNED,
    http: PLANNED,
    'redfish-virtual-media': PLANNED,
    'redfish-https': PLANNED,
  },
  console: {
    fake: impl('console', () => new FakeConsole()),
    'no-console': impl('console', () => new NoConsole()),
    'fake-graphical': PLANNED,
    'ipmitool-socat': PLANNED,
    'redfish-graphical': PLANNED,
  },
  deploy: {
    fake: impl('deploy', () => new FakeDeploy()),
    noop: impl('deploy', () => new NoopDeploy()),
    autodetect: PLANNED,
    direct: PLANNED,
    ansible: PLANNED,
    ramdisk: PLANNED,
    anaconda: PLANNED,
    bootc: PLANNED,
    'custom-agent': PLANNED,
  },
  firmware: {
    fake: impl('firmware', () => new FakeFirmware()),
    'no-firmware': impl('firmware', () => new NoFirmware()),
    redfish: PLANNED,
  },
  inspect: {
    fake: impl('inspect', () => new FakeInspect()),
    'no-inspect': impl('inspect', () => new NoInspect()),
    agent: PLANNED,
    redfish: PLANNED,
  },
  management: {
    fake: impl('management', () => new FakeManagement()),
    noop: impl('management', (deps) => new NoopManagement(deps)),
    ipmitool: PLANNED,
    redfish: PLANNED,
  },
  network: {
    noop: impl('network', () => new NoopNetwork()),
    flat: impl('network', () => new FlatNetwork()),
    neutron: PLANNED,
    'ironic-networking': PLANNED,
  },
  power: {
    fake: impl('power', () => new FakePower()),
    agent: PLANNED,
    ipmitool: PLANNED,
    redfish: PLANNED,
  },
  raid: {
    fake: impl('raid', () => new FakeRaid()),
    'no-raid': impl('raid', () => new NoRaid()),
    agent: PLANNED,
    redfish: PLANNED,
  },
  rescue: {
    fake: impl('rescue', () => new FakeRescue()),
    'no-rescue': impl('rescue', () => new NoRescue()),
    agent: PLANNED,
  },
  storage: {
    fake: impl('storage', () => new FakeStorage()),
    noop: impl('storage', () => new NoopStorage()),
    cinder: PLANNED,
    external: PLANNED,
  },
  vendor: {
    fake: impl('vendor', () => new FakeVendor()),
    'no-vendor': impl('vendor', () => new NoVendor()),
    ipmitool: PLANNED,
    redfish: PLANNED,
  },
}

/** Every hardware type by API name. */
export const HARDWARE_TYPES: Readonly<Record<string, HardwareType>> = Object.freeze({
  [fakeHardware.name]: fakeHardware,
  [ipmiHardware.name]: ipmiHardware,
  [manualManagementHardware.name]: manualManagementHardware,
  [redfishHardware.name]: redfishHardware,
})
