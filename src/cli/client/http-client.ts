/**
 * @module HTTP client of the Bare Metal API v1: microversion negotiation, authentication headers,
 * Ironic's error format, and pagination through `next` links.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { ApiError, ClientError, ConnectionError, faultstringOf } from './errors.js'
import type { ClientSettings } from './settings.js'

/** The newest microversion this client knows (1.115). */
export const CLIENT_MAX_MINOR = 115

const REQUEST_TIMEOUT_MS = 120_000
const USER_AGENT = 'anvil-client/0.1.0'

/** Query parameters; undefined values are left out. */
export type Query = Record<string, string | number | boolean | undefined>

export interface RequestOptions {
  body?: unknown
  query?: Query
  /** Extra request headers (a non-JSON Content-Type sends a string body as is). */
  headers?: Record<string, string>
}

export interface Response<T = unknown> {
  status: number
  body: T
  headers: Record<string, string | string[] | undefined>
}

interface RawResponse {
  status: number
  text: string
  headers: Record<string, string | string[] | undefined>
}

/** One HTTP exchange with node:http(s) (fetch refuses some ports, e.g. 6000). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const target = new URL(url)
  const fn = target.protocol === 'https:' ? httpsRequest : httpRequest
  const where = url.split('?')[0] ?? url
  return new Promise((resolve, reject) => {
    const all = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }
    const req = fn(target, { method, headers: all, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }))
      res.on('error', (err) => reject(new ConnectionError(where, err.message)))
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)))
    req.on('error', (err) => reject(new ConnectionError(where, err.message)))
    req.end(body)
  })
}

/**
 * Retries of an answer that may change by itself, as python-ironicclient retries (5 times, 2 s
 * apart): 503, and 409 for a node locked by a running task. Other conflicts (a duplicate name)
 * fail at once, where python-ironicclient would retry them too.
 */
const MAX_RETRIES = 5

function isTransient(res: RawResponse): boolean {
  return res.status === 503 || (res.status === 409 && / is locked by host /.test(res.text))
}

/** Seconds between retries: ANVIL_RETRY_INTERVAL (for tests) or 2. */
function retryIntervalMs(): number {
  const v = Number(process.env.ANVIL_RETRY_INTERVAL)
  return (Number.isFinite(v) && v >= 0 && process.env.ANVIL_RETRY_INTERVAL !== '' ? v : 2) * 1000
}

/** Parses `1.N` into N. */
export function minorOf(version: string): number {
  const m = /^1\.(\d+)$/.exec(version)
  if (!m) throw new ClientError(`unexpected API version '${version}'`)
  return Number(m[1])
}

/** A connection to one Bare Metal API endpoint. */
export class BareMetalClient {
  readonly base: string
  readonly #settings: ClientSettings
  #version: Promise<string> | undefined

  constructor(settings: ClientSettings) {
    this.#settings = settings
    this.base = settings.endpoint.replace(/\/+$/, '').replace(/\/v1$/, '')
  }

  #authHeaders(): Record<string, string> {
    const s = this.#settings
    if (s.authType === 'http_basic') {
      return { Authorization: `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}` }
    }
    if (s.authType === 'token' && s.token !== undefined) return { 'X-Auth-Token': s.token }
    return {}
  }

  /** The microversion sent with every request: explicit, or min(server max, client max). */
  version(): Promise<string> {
    this.#version ??= this.#negotiate()
    return this.#version
  }

  /** The negotiated minor number. */
  async minor(): Promise<number> {
    return minorOf(await this.version())
  }

  async #negotiate(): Promise<string> {
    const explicit = this.#settings.apiVersion
    if (explicit !== undefined && explicit !== 'latest') return explicit
    const url = `${this.base}/`
    const res = await send(url, 'GET', { Accept: 'application/json', 'User-Agent': USER_AGENT, ...this.#authHeaders() })
    const text = res.text
    if (res.status >= 400) throw new ApiError(res.status, faultstringOf(text))
    const header = res.headers['x-openstack-ironic-api-maximum-version']
    let serverMax = typeof header === 'string' ? header : undefined
    try {
      const doc = JSON.parse(text) as { default_version?: { version?: string }; version?: { version?: string } }
      serverMax = doc.default_version?.version ?? doc.version?.version ?? serverMax
    } catch {
      // not JSON: keep the header
    }
    if (serverMax === undefined || !/^1\.\d+$/.test(serverMax)) {
      throw new ClientError(`${url} does not look like a Bare Metal API endpoint (no maximum API version)`)
    }
    return `1.${Math.min(minorOf(serverMax), CLIENT_MAX_MINOR)}`
  }

  /** Fails clearly when the negotiated version is older than a feature needs. */
  async requireMinor(minor: number, what: string): Promise<void> {
    const have = await this.minor()
    if (have < minor) {
      throw new ClientError(`${what} needs Bare Metal API version 1.${minor} or newer; using 1.${have}`)
    }
  }

  /** Builds the URL of a /v1 path with its query string. */
  url(path: string, query: Query = {}): string {
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.append(k, String(v))
    const q = qs.toString()
    return `${this.base}/v1${path}${q ? `?${q}` : ''}`
  }

  /** Sends one request; a 4xx/5xx answer throws ApiError with Ironic's faultstring. */
  async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<Response<T>> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
      'X-OpenStack-Ironic-API-Version': await this.version(),
      ...this.#authHeaders(),
      ...opts.headers,
    }
    let body: string | undefined
    if (opts.body !== undefined) {
      headers['Content-Type'] ??= 'application/json'
      body = typeof opts.body === 'string' && headers['Content-Type'] !== 'application/json'
        ? opts.body
        : JSON.stringify(opts.body)
    }
    const url = this.url(path, opts.query)
    let res = await send(url, method, headers, body)
    for (let retry = 1; retry <= MAX_RETRIES && isTransient(res); retry++) {
      await new Promise((r) => setTimeout(r, retryIntervalMs()))
      res = await send(url, method, headers, body)
    }
    const text = res.text
    if (res.status >= 400) throw new ApiError(res.status, faultstringOf(text))
    let parsed: unknown = undefined
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = text
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }

  async get<T = Record<string, unknown>>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', path, query ? { query } : {})).body
  }

  async post<T = Record<string, unknown>>(path: string, body?: unknown, query?: Query): Promise<T> {
    return (await this.request<T>('POST', path, { body, ...(query ? { query } : {}) })).body
  }

  async patch<T = Record<string, unknown>>(path: string, ops: unknown[], query?: Query): Promise<T> {
    return (await this.request<T>('PATCH', path, { body: ops, ...(query ? { query } : {}) })).body
  }

  async put<T = unknown>(path: string, body?: unknown, query?: Query): Promise<T> {
    return (await this.request<T>('PUT', path, { ...(body !== undefined ? { body } : {}), ...(query ? { query } : {}) })).body
  }

  async delete(path: string, query?: Query): Promise<void> {
    await this.request('DELETE', path, query ? { query } : {})
  }

  /**
   * Lists a collection, following `next` links. `limit` > 0 stops after that many items;
   * undefined or 0 fetches everything.
   */
  async list(path: string, key: string, query: Query = {}, limit?: number): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = []
    let q: Query = { ...query, ...(limit ? { limit } : {}) }
    for (;;) {
      const page = await this.get<Record<string, unknown>>(path, q)
      const batch = page[key]
      if (!Array.isArray(batch)) throw new ClientError(`unexpected answer from ${path}: no '${key}' list`)
      items.push(...(batch as Record<string, unknown>[]))
      if (limit && items.length >= limit) return items.slice(0, limit)
      const next = typeof page.next === 'string' ? page.next : undefined
      if (!next || batch.length === 0) return items
      const nextQuery = Object.fromEntries(new URL(next).searchParams.entries())
      q = nextQuery
    }
  }
}
