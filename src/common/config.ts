/** @module Anvil's typed, frozen configuration: defaults, INI file, environment, CLI overrides. */
import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { resolve } from 'node:path'
import { SCHEMA, type AnyOpt, type DefaultContext } from './config-schema.js'
import { parseIni, type Opt } from './ini.js'

export { INTERFACE_KINDS, SCHEMA, type AuthStrategy, type InterfaceKind } from './config-schema.js'

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

/** The environment variable that sets an option, e.g. `ANVIL_API__PORT` for `[api]port`. */
export function envVarName(section: SectionName, option: string): string {
  return `ANVIL_${section.toUpperCase()}__${option.toUpperCase()}`
}

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
