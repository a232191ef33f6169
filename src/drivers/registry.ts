/** @module The driver factory: Ironic's interface resolution rules (`common/driver_factory.py`). */
import type { IronicError } from '../common/errors.js'
import { HARDWARE_TYPES, INTERFACES, type InterfaceCatalog } from './catalog.js'
import { normalizeDriverConfig, type DriverConfig } from './config.js'
import {
  DriverConfigError,
  DriverLoadError,
  DriverNotFoundError,
  DriverNotFoundInEntrypointError,
  HARDWARE_TYPES_ENTRYPOINT,
  IncompatibleInterfaceError,
  InterfaceNotFoundInEntrypointError,
  NoDriversLoadedError,
  NoValidDefaultForInterfaceError,
  entrypointOf,
} from './errors.js'
import type { HardwareType } from './hardware-types/define.js'
import {
  INTERFACE_KINDS,
  interfaceField,
  type DriverDeps,
  type DriverInterface,
  type DriverInterfaces,
  type InterfaceField,
  type InterfaceKind,
  type JsonObject,
  type NodeInterfaceFields,
} from './types.js'

export { HARDWARE_TYPES, INTERFACES } from './catalog.js'
export type { ImplementationEntry, InterfaceCatalog } from './catalog.js'
export { FAKE_DRIVER_CONFIG, IRONIC_DEFAULT_DRIVER_CONFIG, type DriverConfig } from './config.js'

/** Options of {@link createDriverFactory}. */
export interface DriverFactoryOptions {
  /** Collaborators handed to every implementation. */
  readonly deps?: DriverDeps
  /** The conductor's host name, for startup errors. */
  readonly host?: string
  /** Replace the implementation catalog (tests). */
  readonly interfaces?: InterfaceCatalog
  /** Replace the hardware types (tests). */
  readonly hardwareTypes?: Readonly<Record<string, HardwareType>>
}

/** The parts of a node that interface resolution reads. */
export type NodeInterfaceInput = Partial<NodeInterfaceFields> & {
  readonly uuid?: string
  readonly driver: string
  readonly instance_info?: JsonObject | null
}

/** The outcome of {@link DriverFactory.resolveNodeInterfaces}. */
export interface ResolvedNodeInterfaces {
  /** The implementation a node uses per kind (`instance_info` override, field, default). */
  readonly interfaces: Readonly<Record<InterfaceKind, string>>
  /** Defaults to store in fields that were unset; empty when nothing changes. */
  readonly updates: Readonly<Partial<Record<InterfaceField, string>>>
}

/** One row of Ironic's `conductor_hardware_interfaces` table. */
export interface HardwareInterfaceRow {
  readonly hardware_type: string
  readonly interface_type: InterfaceKind
  readonly interface_name: string
  readonly default: boolean
}

/**
 * Build a factory and check the configuration the way Ironic's conductor does on start: some
 * hardware type is enabled, every enabled name exists, and every enabled hardware type has a
 * valid default for every kind. Throws {@link DriverConfigError} listing every problem.
 *
 * @example
 * const drivers = createDriverFactory(IRONIC_DEFAULT_DRIVER_CONFIG, { host: 'conductor-1' })
 * drivers.defaultInterface('ipmi', 'power') // 'ipmitool'
 */
export function createDriverFactory(
  config: DriverConfig,
  opts: DriverFactoryOptions = {},
): DriverFactory {
  const factory = new DriverFactory(config, opts)
  const problems = factory.startupProblems()
  if (problems.length > 0) throw new DriverConfigError(problems)
  return factory
}

/** Hardware types and interfaces under one configuration. Prefer {@link createDriverFactory}. */
export class DriverFactory {
  /** The configuration after clean-up (duplicates dropped, empty lists computed). */
  readonly config: DriverConfig
  /** Warnings to log at startup. */
  readonly warnings: readonly string[]
  readonly #catalog: InterfaceCatalog
  readonly #types: Readonly<Record<string, HardwareType>>
  readonly #deps: DriverDeps
  readonly #host: string
  readonly #instances = new Map<string, DriverInterface<InterfaceKind>>()

  constructor(config: DriverConfig, opts: DriverFactoryOptions = {}) {
    this.#catalog = opts.interfaces ?? INTERFACES
    this.#types = opts.hardwareTypes ?? HARDWARE_TYPES
    this.#deps = opts.deps ?? {}
    this.#host = opts.host ?? 'localhost'
    const normalized = normalizeDriverConfig(config, (name) => this.#types[name])
    this.config = normalized.config
    this.warnings = normalized.warnings
  }

  /** Every reason Ironic's conductor would refuse to start with this configuration. */
  startupProblems(): IronicError[] {
    const problems: IronicError[] = []
    const types = this.config.enabled_hardware_types
    if (types.length === 0) return [new NoDriversLoadedError(this.#host)]
    const unknownTypes = types.filter((t) => this.#types[t] === undefined)
    if (unknownTypes.length > 0) {
      problems.push(new DriverNotFoundInEntrypointError(unknownTypes, HARDWARE_TYPES_ENTRYPOINT))
    }
    for (const kind of INTERFACE_KINDS) {
      const unknown = this.config.enabled[kind].filter((n) => this.#catalog[kind][n] === undefined)
      if (unknown.length > 0) {
        problems.push(new DriverNotFoundInEntrypointError(unknown, entrypointOf(kind)))
      }
    }
    for (const type of types.filter((t) => this.#types[t] !== undefined)) {
      for (const kind of INTERFACE_KINDS) {
        try {
          this.defaultInterface(type, kind)
        } catch (e) {
          problems.push(e as IronicError)
        }
      }
    }
    return problems
  }

  /** Names of the enabled hardware types, in configuration order. */
  enabledHardwareTypes(): readonly string[] {
    return this.config.enabled_hardware_types
  }

  /** An enabled hardware type; {@link DriverNotFoundError} (404) otherwise. */
  hardwareType(name: string): HardwareType {
    const type = this.#types[name]
    if (type === undefined || !this.config.enabled_hardware_types.includes(name)) {
      throw new DriverNotFoundError(name)
    }
    return type
  }

  /** The enabled implementations of a kind (`enabled_<kind>_interfaces`) that exist. */
  enabledNames(kind: InterfaceKind): readonly string[] {
    return this.config.enabled[kind].filter((n) => this.#catalog[kind][n] !== undefined)
  }

  /**
   * Check that `name` may be a node's `kind` interface under `hwType`: it must be enabled
   * ({@link InterfaceNotFoundInEntrypointError}) and supported by the type
   * ({@link IncompatibleInterfaceError}), except that `fake-hardware` accepts anything enabled.
   */
  checkInterface(hwType: string | HardwareType, kind: InterfaceKind, name: string): void {
    const type = typeof hwType === 'string' ? this.hardwareType(hwType) : hwType
    const enabled = this.enabledNames(kind)
    if (!enabled.includes(name)) throw new InterfaceNotFoundInEntrypointError(name, kind, enabled)
    if (!type.acceptsAnyEnabled && !type.interfaces[kind].includes(name)) {
      throw new IncompatibleInterfaceError(kind, name, type.name)
    }
  }

  /**
   * The default `kind` implementation of a hardware type: `default_<kind>_interface` when set
   * (it must be enabled and supported), else the first supported one that is enabled. Throws
   * {@link NoValidDefaultForInterfaceError} when there is none; `node` only adds to the message.
   */
  defaultInterface(hwType: string, kind: InterfaceKind, opts: { node?: string } = {}): string {
    const type = this.hardwareType(hwType)
    const configured = this.config.defaults[kind]
    if (configured !== null) {
      try {
        this.checkInterface(type, kind, configured)
      } catch (e) {
        if (e instanceof IncompatibleInterfaceError) {
          throw new NoValidDefaultForInterfaceError(kind, type.name, opts.node)
        }
        throw e
      }
      return configured
    }
    const enabled = this.enabledNames(kind)
    const found = type.interfaces[kind].find((name) => enabled.includes(name))
    if (found === undefined) throw new NoValidDefaultForInterfaceError(kind, type.name, opts.node)
    return found
  }

  /** Per kind, the default of a hardware type (`default_<kind>_interface` in the API). */
  defaultInterfaces(hwType: string): Record<InterfaceKind, string> {
    return mapKinds((kind) => this.defaultInterface(hwType, kind))
  }

  /**
   * Per kind, the implementations a hardware type supports that are enabled, in the type's
   * order (`enabled_<kind>_interfaces` in the API). Ironic returns them unordered.
   */
  enabledInterfaces(hwType: string): Record<InterfaceKind, readonly string[]> {
    const type = this.hardwareType(hwType)
    return mapKinds((kind) => {
      const enabled = this.enabledNames(kind)
      return type.interfaces[kind].filter((name) => enabled.includes(name))
    })
  }

  /** The rows a conductor registers in `conductor_hardware_interfaces`, for every enabled type. */
  hardwareInterfaceRows(): HardwareInterfaceRow[] {
    return this.enabledHardwareTypes().flatMap((type) => {
      const enabled = this.enabledInterfaces(type)
      return INTERFACE_KINDS.flatMap((kind) => {
        const def = this.defaultInterface(type, kind)
        return enabled[kind].map((name) => ({
          hardware_type: type,
          interface_type: kind,
          interface_name: name,
          default: name === def,
        }))
      })
    })
  }

  /**
   * The driver properties of a hardware type: those of its default interfaces merged
   * (`GET /v1/drivers/{name}/properties`). Kinds without a default, and implementations not
   * built yet, add nothing.
   */
  properties(hwType: string): Record<string, string> {
    this.hardwareType(hwType)
    const merged: Record<string, string> = {}
    for (const kind of INTERFACE_KINDS) {
      let name: string
      try {
        name = this.defaultInterface(hwType, kind)
      } catch {
        continue
      }
      if (this.#catalog[kind][name]?.implemented !== true) continue
      Object.assign(merged, this.#instance(kind, name).properties())
    }
    return merged
  }

  /**
   * Fill a node's unset `<kind>_interface` fields with defaults and check the set ones (and
   * any `instance_info` overrides), as Ironic's `check_and_update_node_interfaces` does.
   */
  resolveNodeInterfaces(node: NodeInterfaceInput): ResolvedNodeInterfaces {
    const type = this.hardwareType(node.driver)
    const interfaces = {} as Record<InterfaceKind, string>
    const updates: Partial<Record<InterfaceField, string>> = {}
    for (const kind of INTERFACE_KINDS) {
      const field = interfaceField(kind)
      const override = node.instance_info?.[field]
      const fromInfo = typeof override === 'string' ? override : null
      const fromField = node[field] ?? null
      if (fromInfo !== null) this.checkInterface(type, kind, fromInfo)
      if (fromField !== null) this.checkInterface(type, kind, fromField)
      let chosen = fromInfo ?? fromField
      if (chosen === null) {
        const opts = node.uuid === undefined ? {} : { node: node.uuid }
        chosen = this.defaultInterface(type.name, kind, opts)
        updates[field] = chosen
      }
      interfaces[kind] = chosen
    }
    return { interfaces, updates }
  }

  /**
   * The interface objects for a node of `hwType` using `interfaces` (one name per kind).
   * Instances are shared by every node, as in Ironic. Throws {@link DriverLoadError} for a
   * name Anvil does not implement yet.
   */
  instantiate(
    hwType: string,
    interfaces: Readonly<Record<InterfaceKind, string>>,
  ): DriverInterfaces {
    const type = this.hardwareType(hwType)
    return Object.freeze(
      mapKinds((kind) => {
        this.checkInterface(type, kind, interfaces[kind])
        return this.#instance(kind, interfaces[kind])
      }),
    ) as DriverInterfaces
  }

  /** Resolve a node's interfaces and build them (Ironic's `build_driver_for_task`). */
  buildDriver(node: NodeInterfaceInput): ResolvedNodeInterfaces & { driver: DriverInterfaces } {
    const resolved = this.resolveNodeInterfaces(node)
    return { ...resolved, driver: this.instantiate(node.driver, resolved.interfaces) }
  }

  #instance(kind: InterfaceKind, name: string): DriverInterface<InterfaceKind> {
    const key = `${kind}/${name}`
    const cached = this.#instances.get(key)
    if (cached !== undefined) return cached
    const entry = this.#catalog[kind][name]
    if (entry === undefined) {
      throw new InterfaceNotFoundInEntrypointError(name, kind, this.enabledNames(kind))
    }
    if (!entry.implemented) {
      throw new DriverLoadError(name, `the ${kind} interface "${name}" is not implemented yet`)
    }
    const created = entry.create(this.#deps)
    this.#instances.set(key, created)
    return created
  }
}

function mapKinds<T>(fn: (kind: InterfaceKind) => T): Record<InterfaceKind, T> {
  return Object.fromEntries(INTERFACE_KINDS.map((k) => [k, fn(k)])) as Record<InterfaceKind, T>
}
