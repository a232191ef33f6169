/**
 * @module Test harness: an in-process Anvil on a fresh database of each dialect under test.
 * SQLite always; PostgreSQL when ANVIL_TEST_POSTGRES names a server (CI sets it).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { loadConfig, type ConfigOverrides } from '../../src/common/config.js'
import { createAnvil, type AnvilProcess } from '../../src/service/anvil.js'

export type Dialect = 'sqlite' | 'postgres'

/** Dialects to run DB-backed tests on (DIALECTS=sqlite,postgres filters). */
export function dialects(): Dialect[] {
  const all: Dialect[] = process.env.ANVIL_TEST_POSTGRES ? ['sqlite', 'postgres'] : ['sqlite']
  const only = process.env.DIALECTS?.split(',')
  return only ? all.filter((d) => only.includes(d)) : all
}

/** A fresh, empty database URL of the dialect, and a function that drops it. */
export async function freshDatabase(dialect: Dialect, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { url: `sqlite:///${join(dir, 'anvil.sqlite')}`, drop: async () => {} }
  const admin = process.env.ANVIL_TEST_POSTGRES!
  const name = `anvil_t${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`create database ${name}`)
  await client.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      // let the closed server's connections finish ending before forcing the rest out
      for (let i = 0; i < 20; i++) {
        const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
        if ((r.rows[0] as { n: number }).n === 0) break
        await new Promise((ok) => setTimeout(ok, 50))
      }
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

export interface TestAnvil {
  anvil: AnvilProcess
  /** fastify inject with an API version header */
  request(opts: {
    method?: string
    url: string
    version?: string | null
    body?: unknown
    headers?: Record<string, string>
  }): Promise<{ status: number; headers: Record<string, unknown>; body: any; text: string }>
  close(): Promise<void>
}

export async function startTestAnvil(
  dialect: Dialect,
  overrides: ConfigOverrides = {},
): Promise<TestAnvil> {
  const dir = mkdtempSync(join(tmpdir(), 'anvil-test-'))
  const db = await freshDatabase(dialect, dir)
  const config = loadConfig({
    env: {},
    stateDir: dir,
    overrides: {
      ...overrides,
      DEFAULT: { host: 'test-conductor', ...overrides.DEFAULT },
      database: { connection: db.url },
      api: { port: 0, ...overrides.api },
    },
  })
  const anvil = await createAnvil(config)
  return {
    anvil,
    async request({ method = 'GET', url, version = 'latest', body, headers = {} }) {
      const h: Record<string, string> = { ...headers }
      if (version !== null) h['x-openstack-ironic-api-version'] = version
      if (body !== undefined) h['content-type'] ??= 'application/json'
      const res = await anvil.app.inject({
        method: method as 'GET',
        url,
        headers: h,
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      })
      let parsed: unknown = undefined
      try {
        parsed = res.body ? JSON.parse(res.body) : undefined
      } catch {
        parsed = undefined
      }
      return { status: res.statusCode, headers: res.headers, body: parsed, text: res.body }
    },
    async close() {
      await anvil.close()
      await db.drop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The faultstring inside Ironic's error body. */
export function faultOf(body: { error_message?: string }): string {
  return (JSON.parse(body.error_message ?? '{}') as { faultstring?: string }).faultstring ?? ''
}
