/**
 * @module Where and how to reach the Bare Metal API: the `--os-*` global options, the `OS_*`
 * environment variables and clouds.yaml, merged in that order of precedence.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { UsageError } from './errors.js'

/** The endpoint used when nothing else names one. */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:6385'

/** Authentication types the client speaks (no Keystone). */
export const AUTH_TYPES = ['none', 'http_basic', 'token'] as const
export type AuthType = (typeof AUTH_TYPES)[number]

/** The global options as commander parses them. */
export interface GlobalFlags {
  osEndpoint?: string
  osAuthType?: string
  osUsername?: string
  osPassword?: string
  osToken?: string
  osCloud?: string
  osBaremetalApiVersion?: string
}

/** Everything the HTTP client needs. */
export interface ClientSettings {
  endpoint: string
  authType: AuthType
  username?: string
  password?: string
  token?: string
  /** Explicit `1.N` or 'latest' (negotiate); undefined also negotiates. */
  apiVersion?: string
}

interface CloudEntry {
  auth_type?: string
  auth?: { endpoint?: string; username?: string; password?: string; token?: string }
  baremetal_endpoint_override?: string
  endpoint?: string
  baremetal_api_version?: string | number
}

/** clouds.yaml search path, first existing file wins (OS_CLIENT_CONFIG_FILE first). */
export function cloudsFiles(env: NodeJS.ProcessEnv): string[] {
  return [
    ...(env.OS_CLIENT_CONFIG_FILE ? [env.OS_CLIENT_CONFIG_FILE] : []),
    join(process.cwd(), 'clouds.yaml'),
    join(env.HOME ?? homedir(), '.config', 'openstack', 'clouds.yaml'),
    '/etc/openstack/clouds.yaml',
  ]
}

/** Reads the named cloud from the first clouds.yaml found. */
export function loadCloud(name: string, env: NodeJS.ProcessEnv): CloudEntry {
  const file = cloudsFiles(env).find((f) => existsSync(f))
  if (file === undefined) throw new UsageError(`cloud '${name}' requested but no clouds.yaml was found`)
  let doc: unknown
  try {
    doc = parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message.split('\n')[0]}`)
  }
  const clouds = (doc as { clouds?: Record<string, CloudEntry> } | null)?.clouds
  const entry = clouds?.[name]
  if (entry === undefined || entry === null || typeof entry !== 'object') {
    throw new UsageError(`cloud '${name}' was not found in ${file}`)
  }
  return entry
}

function checkAuthType(value: string): AuthType {
  const t = value === 'noauth' ? 'none' : value
  if (!(AUTH_TYPES as readonly string[]).includes(t)) {
    throw new UsageError(`unsupported auth type '${value}' (choose from ${AUTH_TYPES.join(', ')})`)
  }
  return t as AuthType
}

function checkVersion(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value === 'latest') return value === '' ? undefined : value
  if (/^1\.\d+$/.test(value)) return value
  if (/^1$/.test(value)) return undefined
  throw new UsageError(`invalid API version '${value}': expected 1.N or latest`)
}

/** Merges flags, then environment, then the cloud entry, then defaults. */
export function resolveSettings(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const cloudName = flags.osCloud ?? env.OS_CLOUD
  const cloud: CloudEntry = cloudName ? loadCloud(cloudName, env) : {}
  const pick = (flag: string | undefined, envName: string, fromCloud: unknown) =>
    flag ?? (env[envName] || undefined) ?? (fromCloud === undefined || fromCloud === null ? undefined : String(fromCloud))
  const endpoint =
    pick(flags.osEndpoint, 'OS_ENDPOINT', cloud.baremetal_endpoint_override ?? cloud.auth?.endpoint ?? cloud.endpoint) ??
    DEFAULT_ENDPOINT
  if (!/^https?:\/\/[^/]+/.test(endpoint)) throw new UsageError(`invalid endpoint '${endpoint}': expected an http(s) URL`)
  const authType = checkAuthType(pick(flags.osAuthType, 'OS_AUTH_TYPE', cloud.auth_type) ?? 'none')
  const settings: ClientSettings = { endpoint, authType }
  const username = pick(flags.osUsername, 'OS_USERNAME', cloud.auth?.username)
  const password = pick(flags.osPassword, 'OS_PASSWORD', cloud.auth?.password)
  const token = pick(flags.osToken, 'OS_TOKEN', cloud.auth?.token)
  const apiVersion = checkVersion(pick(flags.osBaremetalApiVersion, 'OS_BAREMETAL_API_VERSION', cloud.baremetal_api_version))
  if (username !== undefined) settings.username = username
  if (password !== undefined) settings.password = password
  if (token !== undefined) settings.token = token
  if (apiVersion !== undefined) settings.apiVersion = apiVersion
  if (authType === 'http_basic' && (username === undefined || password === undefined)) {
    throw new UsageError('auth type http_basic needs a username and a password (--os-username/OS_USERNAME, --os-password/OS_PASSWORD)')
  }
  if (authType === 'token' && token === undefined) {
    throw new UsageError('auth type token needs a token (--os-token/OS_TOKEN)')
  }
  return settings
}
