/** @module Resolution rules of the driver factory, table-driven. */
import { describe, expect, it } from 'vitest'
import type { IronicError } from '../common/errors.js'
import {
  DriverConfigError,
  DriverLoadError,
  DriverNotFoundError,
  IncompatibleInterfaceError,
  InterfaceNotFoundInEntrypointError,
  NoValidDefaultForInterfaceError,
} from './errors.js'
import {
  FAKE_DRIVER_CONFIG,
  HARDWARE_TYPES,
  INTERFACES,
  IRONIC_DEFAULT_DRIVER_CONFIG,
  DriverFactory,
  createDriverFactory,
  type DriverConfig,
} from './registry.js'
import { INTERFACE_KINDS, type InterfaceKind } from './types.js'

type Patch = {
  enabled_hardware_types?: readonly string[]
  enabled?: Partial<Record<InterfaceKind, readonly string[]>>
  defaults?: Partial<Record<InterfaceKind, string | null>>
}

/** Ironic's default configuration with some options changed. */
function ironic(patch: Patch = {}): DriverConfig {
  const base = IRONIC_DEFAULT_DRIVER_CONFIG
  return {
    enabled_hardware_types: patch.enabled_hardware_types ?? base.enabled_hardware_types,
    enabled: { ...base.enabled, ...patch.enabled },
    defaults: { ...base.defaults, ...patch.defaults },
  }
}

function thrown(fn: () => unknown): IronicError {
  try {
    fn()
  } catch (e) {
    return e as IronicError
  }
  throw new Error('expected a throw')
}

const NODE = '1be26c0b-03f2-4d2e-ae87-c02d7f33c123'

describe('catalog', () => {
  it.each(Object.values(HARDWARE_TYPES))('lists only registered names for $name', (type) => {
    for (const kind of INTERFACE_KINDS) {
      const names = type.interfaces[kind]
      expect(names.length, kind).toBeGreaterThan(0)
      expect(new Set(names).size, kind).toBe(names.length)
      for (const name of names) expect(INTERFACES[kind], `${kind}/${name}`).toHaveProperty([name])
    }
  })

  it.each([
    ['fake-hardware', 'power', ['fake']],
    ['fake-hardware', 'vendor', ['fake', 'no-vendor']],
    ['fake-hardware', 'network', ['flat', 'neutron', 'ironic-networking', 'noop']],
    ['manual-management', 'power', ['agent', 'fake']],
    ['manual-management', 'management', ['noop', 'fake']],
    [
      'manual-management',
      'deploy',
      ['autodetect', 'direct', 'ansible', 'ramdisk', 'anaconda', 'bootc', 'custom-agent', 'noop'],
    ],
    ['ipmi', 'console', ['ipmitool-socat', 'no-console', 'fake-graphical']],
    ['ipmi', 'management', ['ipmitool', 'noop']],
    ['ipmi', 'vendor', ['ipmitool', 'no-vendor']],
    [
      'redfish',
      'boot',
      ['ipxe', 'pxe', 'http-ipxe', 'http', 'redfish-virtual-media', 'redfish-https'],
    ],
    ['redfish', 'raid', ['redfish', 'no-raid', 'agent']],
    ['redfish', 'inspect', ['redfish', 'agent', 'no-inspect']],
  ] as const)('gives %s these %s interfaces, as Ironic master does', (type, kind, names) => {
    expect(HARDWARE_TYPES[type]?.interfaces[kind]).toEqual(names)
  })
})

describe('DriverFactory configuration', () => {
  it('computes empty enabled lists from the first supported entry of each type', () => {
    const f = createDriverFactory(
      ironic({ enabled_hardware_types: ['ipmi', 'redfish', 'fake-hardware'] }),
    )
    expect(f.enabledNames('power')).toEqual(['ipmitool', 'redfish', 'fake'])
    expect(f.enabledNames('management')).toEqual(['ipmitool', 'redfish', 'fake'])
    expect(f.enabledNames('deploy')).toEqual(['autodetect', 'direct', 'ramdisk', 'bootc'])
  })

  it('drops empty and duplicated names with Ironic warnings', () => {
    const f = createDriverFactory(ironic({ enabled_hardware_types: ['ipmi', '', 'ipmi'] }))
    expect(f.enabledHardwareTypes()).toEqual(['ipmi'])
    expect(f.warnings).toEqual([
      expect.stringContaining('An empty driver was specified in the "enabled_hardware_types"'),
      'The driver(s) "ipmi" is/are duplicated in the list of enabled_drivers. Please check your configuration file.',
    ])
  })

  it.each<[string, Patch, string[]]>([
    [
      'no hardware type',
      { enabled_hardware_types: [] },
      ['Conductor c1 cannot be started because no hardware types were loaded.'],
    ],
    [
      'an unknown hardware type',
      { enabled_hardware_types: ['ipmi', 'idrac'] },
      ["Could not find the following items in the 'ironic.hardware.types' entrypoint: idrac."],
    ],
    [
      'an unknown interface',
      { enabled: { power: ['ipmitool', 'redfish', 'snmp'] } },
      [
        "Could not find the following items in the 'ironic.hardware.interfaces.power' entrypoint: snmp.",
      ],
    ],
    [
      'no usable boot interface',
      { enabled: { boot: ['fake'] } },
      [
        "For hardware type 'ipmi', no default value found for boot interface could be determined. Please ensure the interfaces are enabled.",
        "For hardware type 'redfish', no default value found for boot interface could be determined. Please ensure the interfaces are enabled.",
      ],
    ],
    [
      'a default one type does not support',
      { defaults: { vendor: 'redfish' } },
      [
        "For hardware type 'ipmi', no default value found for vendor interface could be determined. Please ensure the interfaces are enabled.",
      ],
    ],
    [
      'a default that is not enabled',
      { defaults: { deploy: 'ansible' } },
      [
        "Could not find the following interface in the 'ironic.hardware.interfaces.deploy' entrypoint: ansible. Valid interfaces are ['autodetect', 'direct', 'ramdisk', 'bootc'].",
        "Could not find the following interface in the 'ironic.hardware.interfaces.deploy' entrypoint: ansible. Valid interfaces are ['autodetect', 'direct', 'ramdisk', 'bootc'].",
      ],
    ],
  ])('refuses to start with %s', (_name, patch, messages) => {
    const error = thrown(() => createDriverFactory(ironic(patch), { host: 'c1' }))
    expect(error).toBeInstanceOf(DriverConfigError)
    expect((error as DriverConfigError).problems.map((p) => p.message)).toEqual(messages)
    expect(error.status).toBe(500)
  })

  it('starts with Ironic defaults and with the fake configuration', () => {
    expect(() => createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG)).not.toThrow()
    expect(() => createDriverFactory(FAKE_DRIVER_CONFIG)).not.toThrow()
  })
})

describe('DriverFactory.hardwareType', () => {
  it.each(['fake-hardware', 'nope'])('is a 404 for %s when not enabled', (name) => {
    const error = thrown(() => createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG).hardwareType(name))
    expect(error).toBeInstanceOf(DriverNotFoundError)
    expect(error.status).toBe(404)
    expect(error.message).toBe(
      `Could not find the following driver(s) or hardware type(s): ${name}.`,
    )
  })
})

describe('DriverFactory.defaultInterface', () => {
  const defaults = createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG)

  it.each<[string, Record<InterfaceKind, string>]>([
    [
      'ipmi',
      {
        bios: 'no-bios',
        boot: 'ipxe',
        console: 'no-console',
        deploy: 'autodetect',
        firmware: 'no-firmware',
        inspect: 'no-inspect',
        management: 'ipmitool',
        network: 'flat',
        power: 'ipmitool',
        raid: 'no-raid',
        rescue: 'no-rescue',
        storage: 'noop',
        vendor: 'ipmitool',
      },
    ],
    [
      'redfish',
      {
        bios: 'redfish',
        boot: 'ipxe',
        console: 'no-console',
        deploy: 'autodetect',
        firmware: 'no-firmware',
        inspect: 'redfish',
        management: 'redfish',
        network: 'flat',
        power: 'redfish',
        raid: 'redfish',
        rescue: 'no-rescue',
        storage: 'noop',
        vendor: 'redfish',
      },
    ],
  ])('picks the first supported enabled entry for %s (Ironic defaults)', (type, expected) => {
    expect(defaults.defaultInterfaces(type)).toEqual(expected)
  })

  it.each<[string, Patch, string, InterfaceKind, string]>([
    ['explicit default wins', { defaults: { deploy: 'ramdisk' } }, 'ipmi', 'deploy', 'ramdisk'],
    [
      'type order, not enabled order',
      { enabled: { bios: ['no-bios', 'redfish'] } },
      'redfish',
      'bios',
      'redfish',
    ],
    ['skips disabled entries', { enabled: { boot: ['pxe'] } }, 'ipmi', 'boot', 'pxe'],
    [
      'fake-hardware puts fake first',
      { enabled_hardware_types: ['fake-hardware'], enabled: { ...FAKE_DRIVER_CONFIG.enabled } },
      'fake-hardware',
      'raid',
      'fake',
    ],
    [
      'an explicit default beats fake-hardware order',
      { enabled_hardware_types: ['fake-hardware'], enabled: { ...FAKE_DRIVER_CONFIG.enabled } },
      'fake-hardware',
      'storage',
      'noop',
    ],
  ])('%s', (_name, patch, type, kind, expected) => {
    expect(createDriverFactory(ironic(patch)).defaultInterface(type, kind)).toBe(expected)
  })

  it('names the node when one is given', () => {
    const unchecked = new DriverFactory(ironic({ enabled: { boot: ['fake'] } }))
    const error = thrown(() => unchecked.defaultInterface('ipmi', 'boot', { node: NODE }))
    expect(error).toBeInstanceOf(NoValidDefaultForInterfaceError)
    expect(error.message).toBe(
      `For node ${NODE} with hardware type 'ipmi', no default value found for boot interface ` +
        'could be determined. Please ensure the interfaces are enabled.',
    )
  })
})

describe('DriverFactory.checkInterface', () => {
  const f = createDriverFactory(
    ironic({
      enabled_hardware_types: ['ipmi', 'redfish', 'fake-hardware'],
      enabled: { power: ['ipmitool', 'redfish', 'fake'] },
    }),
  )

  it.each<[string, InterfaceKind, string, (new (...a: never[]) => IronicError) | null, string?]>([
    ['ipmi', 'power', 'ipmitool', null],
    ['ipmi', 'deploy', 'direct', null],
    ['fake-hardware', 'power', 'ipmitool', null],
    ['fake-hardware', 'deploy', 'direct', null],
    [
      'ipmi',
      'power',
      'agent',
      InterfaceNotFoundInEntrypointError,
      "Could not find the following interface in the 'ironic.hardware.interfaces.power' entrypoint: agent. Valid interfaces are ['ipmitool', 'redfish', 'fake'].",
    ],
    [
      'ipmi',
      'power',
      'redfish',
      IncompatibleInterfaceError,
      "power interface implementation 'redfish' is not supported by hardware type ipmi.",
    ],
    ['ipmi', 'power', 'fake', IncompatibleInterfaceError],
    ['redfish', 'vendor', 'ipmitool', IncompatibleInterfaceError],
  ])('%s %s=%s', (type, kind, name, errorType, message) => {
    if (errorType === null) {
      expect(() => f.checkInterface(type, kind, name)).not.toThrow()
      return
    }
    const error = thrown(() => f.checkInterface(type, kind, name))
    expect(error).toBeInstanceOf(errorType)
    expect(error.status).toBe(400)
    if (message !== undefined) expect(error.message).toBe(message)
  })
})

describe('DriverFactory.resolveNodeInterfaces', () => {
  const f = createDriverFactory(FAKE_DRIVER_CONFIG)

  it('fills every unset field with the default', () => {
    const { interfaces, updates } = f.resolveNodeInterfaces({ driver: 'fake-hardware' })
    expect(interfaces).toEqual({
      bios: 'fake',
      boot: 'fake',
      console: 'fake',
      deploy: 'fake',
      firmware: 'fake',
      inspect: 'fake',
      management: 'fake',
      network: 'noop',
      power: 'fake',
      raid: 'fake',
      rescue: 'fake',
      storage: 'fake',
      vendor: 'fake',
    })
    expect(Object.keys(updates)).toHaveLength(13)
  })

  it.each<[string, Record<string, unknown>, InterfaceKind, string, boolean]>([
    ['keeps a set field', { bios_interface: 'no-bios' }, 'bios', 'no-bios', false],
    ['treats null as unset', { bios_interface: null }, 'bios', 'fake', true],
    [
      'uses an instance_info override',
      { instance_info: { deploy_interface: 'noop' } },
      'deploy',
      'noop',
      false,
    ],
    [
      'prefers the override to the field',
      { deploy_interface: 'fake', instance_info: { deploy_interface: 'noop' } },
      'deploy',
      'noop',
      false,
    ],
  ])('%s', (_name, fields, kind, expected, updated) => {
    const { interfaces, updates } = f.resolveNodeInterfaces({ driver: 'fake-hardware', ...fields })
    expect(interfaces[kind]).toBe(expected)
    expect(`${kind}_interface` in updates).toBe(updated)
  })

  it.each<[string, Record<string, unknown>, new (...a: never[]) => IronicError]>([
    ['an unknown driver', { driver: 'ipmi' }, DriverNotFoundError],
    [
      'a disabled field value',
      { driver: 'fake-hardware', power_interface: 'ipmitool' },
      InterfaceNotFoundInEntrypointError,
    ],
    [
      'a bad override',
      { driver: 'fake-hardware', instance_info: { rescue_interface: 'agent' } },
      InterfaceNotFoundInEntrypointError,
    ],
  ])('rejects %s', (_name, node, errorType) => {
    expect(thrown(() => f.resolveNodeInterfaces(node as { driver: string }))).toBeInstanceOf(
      errorType,
    )
  })
})

describe('DriverFactory.instantiate and buildDriver', () => {
  it('builds one shared instance per implementation', () => {
    const f = createDriverFactory(FAKE_DRIVER_CONFIG)
    const a = f.buildDriver({ driver: 'fake-hardware' }).driver
    const b = f.buildDriver({ driver: 'fake-hardware', power_interface: 'fake' }).driver
    for (const kind of INTERFACE_KINDS) expect(a[kind].kind).toBe(kind)
    expect(a.power).toBe(b.power)
    expect(a.network.name).toBe('noop')
  })

  it('throws DriverLoadError for a registered name not implemented yet', () => {
    const f = createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG)
    const error = thrown(() => f.buildDriver({ driver: 'ipmi' }))
    expect(error).toBeInstanceOf(DriverLoadError)
    expect(error.message).toMatch(
      /^Driver, hardware type or interface \w[\w-]* could not be loaded/,
    )
  })
})

describe('DriverFactory listings', () => {
  it('shows enabled interfaces in the type order (GET /v1/drivers/{name})', () => {
    const f = createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG)
    expect(f.enabledInterfaces('redfish').boot).toEqual(['ipxe', 'pxe', 'redfish-virtual-media'])
    expect(f.enabledInterfaces('ipmi').vendor).toEqual(['ipmitool', 'no-vendor'])
    expect(f.enabledInterfaces('ipmi').storage).toEqual(['noop', 'cinder'])
  })

  it('merges the default interfaces properties (GET /v1/drivers/{name}/properties)', () => {
    const f = createDriverFactory(FAKE_DRIVER_CONFIG)
    expect(f.properties('fake-hardware')).toEqual({
      B1: 'B1 description. Required.',
      B2: 'B2 description. Required.',
    })
    expect(createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG).properties('ipmi')).toEqual({})
  })

  it('marks exactly one default per type and kind in the conductor rows', () => {
    const f = createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG)
    const rows = f.hardwareInterfaceRows()
    for (const type of ['ipmi', 'redfish']) {
      for (const kind of INTERFACE_KINDS) {
        const defaults = rows.filter(
          (r) => r.hardware_type === type && r.interface_type === kind && r.default,
        )
        expect(defaults.map((r) => r.interface_name)).toEqual([f.defaultInterface(type, kind)])
      }
    }
  })
})
