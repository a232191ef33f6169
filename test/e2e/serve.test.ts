/**
 * @module e2e: `npm start` (`anvil serve`) with nothing but `--state-dir` serves the API on
 * http://127.0.0.1:6385, as the README promises.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  cleanEnv,
  HOOK_TIMEOUT,
  spawnAnvil,
  stopProcess,
  waitForApi,
  type Spawned,
} from './harness.js'

const DEFAULT_URL = 'http://127.0.0.1:6385'

function portIsFree(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const srv = createServer()
    srv.once('error', () => ok(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => ok(true)))
  })
}

describe('anvil serve with only --state-dir', { timeout: 60_000 }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'anvil-e2e-serve-'))
  let proc: Spawned | undefined

  afterAll(async () => {
    if (proc) await stopProcess(proc)
    rmSync(stateDir, { recursive: true, force: true })
  }, HOOK_TIMEOUT)

  it('serves GET /v1 with the versions on 127.0.0.1:6385, SQLite in the state dir', async () => {
    const free = await portIsFree(6385)
    expect(free, 'port 6385 (the default [api]port) is taken by another process; free it').toBe(
      true,
    )
    proc = spawnAnvil(['serve', '--state-dir', stateDir], cleanEnv())
    await waitForApi(DEFAULT_URL, proc)

    const res = await fetch(`${DEFAULT_URL}/v1`)
    expect(res.status).toBe(200)
    const max = res.headers.get('x-openstack-ironic-api-maximum-version')
    expect(res.headers.get('x-openstack-ironic-api-minimum-version')).toBe('1.1')
    expect(max).toMatch(/^1\.\d+$/)
    const body = (await res.json()) as Record<string, any>
    expect(body.id).toBe('v1')
    expect(body.version).toEqual({
      id: 'v1',
      links: [{ href: `${DEFAULT_URL}/v1/`, rel: 'self' }],
      status: 'CURRENT',
      min_version: '1.1',
      version: max,
    })
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(['nodes', 'ports', 'chassis', 'drivers']),
    )

    const root = (await (await fetch(`${DEFAULT_URL}/`)).json()) as Record<string, any>
    expect(root.default_version).toMatchObject({ id: 'v1', min_version: '1.1', version: max })
    expect(existsSync(join(stateDir, 'anvil.sqlite'))).toBe(true)
  })
})
