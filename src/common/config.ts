/** @module Anvil's typed, frozen configuration: defaults, INI file, environment, CLI overrides. */
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'

import {
  boolOpt,
  choiceOpt,
  intOpt,
  listOpt,
  optionalStrOpt,
  parseIni,
  portOpt,
  strOpt,
  type Opt,
} from './ini.js'

/** What a default may depend on: the state directory, the host name and the `[DEFAULT]` values. */
interface DefaultContext {
  readonly stateDir: string
  readonly hostname: string
  readonly DEFAULT: Readonly<Record<string, unknown>>
}

/** Any option, for code that walks the schema. */
type AnyOpt = Opt<unknown, never>

/** Anvil's enabled interfaces: Ironic's plus the fake/no-op ones, so fake-hardware just works. */
const ENABLED_INTERFACES = {
  bios: ['fake', 'no-bios', 'redfish'],
  boot: ['fake', 'ipxe', 'pxe', 'redfish-virtual-media'],
  console: ['fake', 'no-console'],
  deploy: ['fake', 'direct', 'ramdisk'],
  firmware: ['fake', 'no-firmware', 'redfish'],
  inspect: ['fake', 'no-inspect', 'agent', 'redfish'],
  management: ['fake', 'ipmitool', 'redfish', 'noop'],
  network: ['noop', 'flat'],
  power: ['fake', 'ipmitool', 'redfish'],
  raid: ['fake', 'no-raid', 'agent'],
  rescue: ['fake', 'no-rescue', 'agent'],
  storage: ['fake', 'noop'],
  vendor: ['fake', 'no-vendor', 'ipmitool', 'redfish'],
} as const satisfies Record<string, readonly string[]>

/** A hardware interface kind with `enabled_<kind>_interfaces` and `default_<kind>_interface`. */
export type InterfaceKind = keyof typeof ENABLED_INTERFACES

/** All hardware interface kinds: bios, boot, console, deploy, ..., storage, vendor. */
export const INTERFACE_KINDS = Object.freeze(Object.keys(ENABLED_INTERFACES) as InterfaceKind[])

/**
 * Non-null `default_<kind>_interface` defaults; all others are unset (first enabled and supported).
 * storage: Ironic's default. network: Anvil's (Ironic would pick `flat`, which needs Neutron).
 */
const DEFAULT_INTERFACES: Partial<Record<InterfaceKind, string>> = {
  storage: 'noop',
  network: 'noop',
}

type InterfaceOpts = {
  readonly [K in InterfaceKind as `enabled_${K}_interfaces`]: Opt<readonly string[]>
} & { readonly [K in InterfaceKind as `default_${K}_interface`]: Opt<string | null> }

function interfaceOpts(): InterfaceOpts {
  const opts: Record<string, AnyOpt> = {}
  for (const kind of INTERFACE_KINDS) {
    opts[`enabled_${kind}_interfaces`] = listOpt(ENABLED_INTERFACES[kind])
    opts[`default_${kind}_interface`] = optionalStrOpt(DEFAULT_INTERFACES[kind] ?? null)
  }
  return opts as InterfaceOpts
}

const AUTH_STRATEGIES = ['noauth', 'keystone', 'http_basic'] as const
/** `[DEFAULT]auth_strategy` / `[json_rpc]auth_strategy` values. */
export type AuthStrategy = (typeof AUTH_STRATEGIES)[number]

/** Every option Anvil knows, by section, with Ironic's names (and defaults unless noted). */
const SCHEMA = {
  DEFAULT: {
    host: strOpt((ctx: DefaultContext) => ctx.hostname),
    state_path: strOpt('./.anvil'),
    enabled_hardware_types: listOpt(['fake-hardware', 'manual-management', 'ipmi', 'redfish']),
    ...interfaceOpts(),
    default_resource_class: optionalStrOpt(),
    auth_strategy: choiceOpt(AUTH_STRATEGIES, 'noauth'),
    pin_release_version: optionalStrOpt(),
    debug: boolOpt(false),
    log_file: optionalStrOpt(),
    hash_partition_exponent: intOpt(5, 0),
    hash_ring_reset_interval: intOpt(15, 0),
  },
  api: {
    host_ip: strOpt('127.0.0.1'),
    port: portOpt(6385),
    max_limit: intOpt(1000, 1),
    public_endpoint: optionalStrOpt(),
    restrict_lookup: boolOpt(true),
    enable_ramdisk_endpoints: boolOpt(true),
  },
  oslo_middleware: {
    // Ironic's default is 114688 but its API does not enforce it; configdrives need room.
    max_request_body_size: intOpt(64 * 1024 * 1024, 0),
  },
  database: {
    connection: strOpt((ctx: DefaultContext) => `sqlite:///${ctx.stateDir}/anvil.sqlite`),
  },
  conductor: {
    workers_pool_size: intOpt(300, 3),
    heartbeat_interval: intOpt(10),
    heartbeat_timeout: intOpt(60, undefined, 315576000),
    sync_power_state_interval: intOpt(120),
    check_provision_state_interval: intOpt(60, 0),
    deploy_callback_timeout: intOpt(1800, 0),
    power_state_sync_max_retries: intOpt(3),
    sync_power_state_workers: intOpt(8, 1),
    inspect_wait_timeout: intOpt(1800, 0),
    automated_clean: boolOpt(true),
    clean_callback_timeout: intOpt(1800, 0),
    rescue_callback_timeout: intOpt(1800, 0),
    conductor_group: strOpt(''),
    allow_deleting_available_nodes: boolOpt(true),
    soft_power_off_timeout: intOpt(600, 1),
    node_history: boolOpt(true),
    node_history_max_entries: intOpt(300, 0),
    node_history_cleanup_interval: intOpt(86400, 0),
    node_history_cleanup_batch_count: intOpt(1000, 1),
    node_history_minimum_days: intOpt(0, 0),
  },
  json_rpc: {
    // Ironic: unset means "use [DEFAULT]auth_strategy"; Anvil resolves that here.
    auth_strategy: choiceOpt(
      AUTH_STRATEGIES,
      (ctx: DefaultContext) => ctx.DEFAULT['auth_strategy'] as AuthStrategy,
    ),
    host_ip: strOpt('127.0.0.1'),
    port: portOpt(8089),
  },
} as const

type Schema = typeof SCHEMA
/** A configuration section name, e.g. `'DEFAULT'` or `'api'`. */
export type SectionName = keyof Schema
type SectionValues<S> = { readonly [K in keyof S]: S[K] extends Opt<infer T> ? T : never }

/**
 * The parsed configuration: one readonly object per section, with Ironic's option names
 * (`config.api.max_limit`, `config.DEFAULT.enabled_hardware_types`), plus:
 * - `stateDir`: absolute path of `[DEFAULT]state_path`, where Anvil keeps its data;
 * - `warnings`: unknown sections/options/variables that were ignored, for the caller to log.
 */
export type Config = { readonly [S in SectionName]: SectionValues<Schema[S]> } & {
  readonly stateDir: string
  readonly warnings: readonly string[]
}

/**
 * CLI overrides: any option, as its typed value or as the string the CLI received. `undefined`
 * (a flag that was not given) leaves the option to the lower layers.
 */
export type ConfigOverrides = {
  readonly [S in SectionName]?:
    | { readonly [O in keyof Schema[S]]?: SectionValues<Schema[S]>[O] | string | undefined }
    | undefined
}

/** An environment: variable name → value. */
export type Env = Readonly<Record<string, string | undefined>>

/** Inputs of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Path of an Ironic-style INI file; no file is read when omitted. */
  readonly file?: string | undefined
  /** Environment to read `ANVIL_<SECTION>__<OPTION>` from; defaults to `process.env`. */
  readonly env?: Env | undefined
  /** Explicit overrides (highest precedence), e.g. from command-line flags. */
  readonly overrides?: ConfigOverrides | undefined
  /** State directory from the CLI; shorthand for (and wins over) `DEFAULT.state_path`. */
  readonly stateDir?: string | undefined
}

type Layer = Map<string, Map<string, { readonly raw: unknown; readonly where: string }>>

const ENV_RE = /^ANVIL_(.+?)__(.+)$/

function sectionNamed(name: string): SectionName | undefined {
  const key = name === 'DEFAULT' ? name : name.toLowerCase()
  return Object.hasOwn(SCHEMA, key) ? (key as SectionName) : undefined
}

function hasOption(section: SectionName, option: string): boolean {
  return Object.hasOwn(SCHEMA[section], option)
}

function put(layer: Layer, section: string, option: string, raw: unknown, where: string): void {
  let s = layer.get(section)
  if (!s) layer.set(section, (s = new Map()))
  s.set(option, { raw, where })
}

function fileLayer(file: string, layer: Layer, warnings: string[]): void {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new Error(`Cannot read config file ${file}: ${(err as Error).message}`, { cause: err })
  }
  for (const [name, entries] of parseIni(text, file)) {
    const section = sectionNamed(name)
    if (!section) {
      warnings.push(`${file}: unknown section [${name}] ignored`)
      continue
    }
    for (const [option, { value, line }] of entries) {
      if (hasOption(section, option)) put(layer, section, option, value, `${file} line ${line}`)
      else warnings.push(`${file}:${line}: unknown option [${name}] ${option} ignored`)
    }
  }
}

function envLayer(env: Env, layer: Layer, warnings: string[]): void {
  for (const [name, value] of Object.entries(env)) {
    const [, group = '', opt = ''] = ENV_RE.exec(name) ?? []
    if (group === '' || value === undefined) continue
    const section = sectionNamed(group.toUpperCase() === 'DEFAULT' ? 'DEFAULT' : group)
    const option = opt.toLowerCase()
    if (section && hasOption(section, option)) {
      put(layer, section, option, value, `environment variable ${name}`)
    } else {
      warnings.push(`environment variable ${name} names no known option; ignored`)
    }
  }
}

function overrideLayer(overrides: ConfigOverrides, layer: Layer): void {
  for (const [name, options] of Object.entries(overrides) as [string, object | undefined][]) {
    const section = Object.hasOwn(SCHEMA, name) ? (name as SectionName) : undefined
    for (const [option, raw] of Object.entries(options ?? {})) {
      if (!section || !hasOption(section, option)) {
        throw new Error(`Unknown configuration option [${name}] ${option} in CLI overrides`)
      }
      if (raw !== undefined) put(layer, section, option, raw, 'CLI overrides')
    }
  }
}

function resolveSection(
  section: SectionName,
  layers: readonly Layer[],
  ctx: DefaultContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [option, opt] of Object.entries(SCHEMA[section]) as [string, AnyOpt][]) {
    const def = opt.default
    let value = typeof def === 'function' ? (def as (ctx: DefaultContext) => unknown)(ctx) : def
    for (const layer of layers) {
      const entry = layer.get(section)?.get(option)
      if (!entry) continue
      try {
        value = opt.coerce(entry.raw)
      } catch (err) {
        const why = (err as Error).message
        throw new Error(`Invalid value for [${section}] ${option} in ${entry.where}: ${why}`)
      }
    }
    out[option] = Object.freeze(value)
  }
  return out
}

/**
 * Builds the configuration. Sources, lowest precedence first: built-in defaults, the INI file
 * (`file`), environment variables `ANVIL_<SECTION>__<OPTION>` (e.g. `ANVIL_API__PORT=7000`), then
 * `overrides` and `stateDir`. This is the only place in Anvil that reads `process.env`.
 *
 * Unknown sections, options and `ANVIL_*__*` variables are ignored and listed in `warnings`.
 *
 * @throws Error naming the source, section and option when a value is invalid, or when the file
 *   cannot be read or parsed.
 * @example
 * const config = loadConfig({ file: '/etc/anvil/anvil.conf', overrides: { api: { port: 7000 } } })
 * config.api.port // 7000
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const warnings: string[] = []
  const file: Layer = new Map()
  const env: Layer = new Map()
  const cli: Layer = new Map()
  if (options.file !== undefined) fileLayer(options.file, file, warnings)
  envLayer(options.env ?? process.env, env, warnings)
  overrideLayer(options.overrides ?? {}, cli)
  if (options.stateDir !== undefined) {
    put(cli, 'DEFAULT', 'state_path', options.stateDir, 'CLI option stateDir')
  }
  const layers = [file, env, cli]
  const base = { stateDir: '', hostname: hostname(), DEFAULT: {} }
  const DEFAULT = resolveSection('DEFAULT', layers, base)
  const stateDir = resolve(DEFAULT['state_path'] as string)
  DEFAULT['state_path'] = stateDir
  const ctx: DefaultContext = { ...base, stateDir, DEFAULT }
  const config: Record<string, unknown> = { stateDir, warnings: Object.freeze(warnings) }
  for (const section of Object.keys(SCHEMA) as SectionName[]) {
    const values = section === 'DEFAULT' ? DEFAULT : resolveSection(section, layers, ctx)
    config[section] = Object.freeze(values)
  }
  return Object.freeze(config) as Config
}
