/** @module An in-memory exclusive task for driver tests: no database, no lock, no conductor. */
import type { BiosSetting } from '../bios/types.js'
import { FAKE_DRIVER_CONFIG } from '../config.js'
import { createDriverFactory, type DriverFactory } from '../registry.js'
import type { DriverInterfaces, ExclusiveTask, NodePatch, NodeView } from '../types.js'

/** A node as a driver sees it, with every field empty and `fake-hardware` as its driver. */
export function aNodeView(overrides: Partial<NodeView> = {}): NodeView {
  return {
    uuid: '1be26c0b-03f2-4d2e-ae87-c02d7f33c123',
    name: null,
    driver: 'fake-hardware',
    power_state: null,
    target_power_state: null,
    provision_state: 'enroll',
    target_provision_state: null,
    maintenance: false,
    console_enabled: false,
    last_error: null,
    driver_info: {},
    driver_internal_info: {},
    instance_info: {},
    properties: {},
    extra: {},
    raid_config: {},
    target_raid_config: {},
    network_data: {},
    boot_mode: null,
    secure_boot: null,
    bios_interface: null,
    boot_interface: null,
    console_interface: null,
    deploy_interface: null,
    firmware_interface: null,
    inspect_interface: null,
    management_interface: null,
    network_interface: null,
    power_interface: null,
    raid_interface: null,
    rescue_interface: null,
    storage_interface: null,
    vendor_interface: null,
    ...overrides,
  }
}

/** An exclusive task that keeps every change in memory, for assertions. */
export interface MemoryTask extends ExclusiveTask {
  /** Every patch applied, in order. */
  readonly patches: readonly NodePatch[]
  /** The BIOS settings cache. */
  readonly bios: readonly BiosSetting[]
}

let defaultFactory: DriverFactory | undefined

/**
 * An exclusive task over `node`. `driver` is built on first use from `factory` (default: one
 * with {@link FAKE_DRIVER_CONFIG}), so a node of another hardware type needs its own factory.
 */
export function memoryTask(
  opts: { node?: Partial<NodeView>; factory?: DriverFactory; bios?: readonly BiosSetting[] } = {},
): MemoryTask {
  let node = aNodeView(opts.node)
  let bios: readonly BiosSetting[] = opts.bios ?? []
  let driver: DriverInterfaces | undefined
  const patches: NodePatch[] = []
  return {
    shared: false,
    get node() {
      return node
    },
    get driver() {
      const factory = opts.factory ?? (defaultFactory ??= createDriverFactory(FAKE_DRIVER_CONFIG))
      driver ??= factory.buildDriver(node).driver
      return driver
    },
    get patches() {
      return patches
    },
    get bios() {
      return bios
    },
    updateNode(patch: NodePatch) {
      patches.push(patch)
      node = { ...node, ...patch }
    },
    biosSettings: {
      list: async () => bios,
      replace: async (settings) => {
        bios = settings.map((s) => ({ ...s }))
      },
    },
  }
}
