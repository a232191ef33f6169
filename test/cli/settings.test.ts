/**
 * @module Endpoint, authentication and microversion resolution of the client, checked against a
 * scripted server that records what the binary sends.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { rootDoc, runCli, scriptedServer, type Seen } from './cli-harness.js'

let close: (() => Promise<void>) | undefined

afterEach(async () => {
  await close?.()
  close = undefined
})

async function api(max = '1.82') {
  const server = await scriptedServer((req: Seen) => {
    if (req.url === '/') return { status: 200, body: rootDoc(max), headers: { 'X-OpenStack-Ironic-API-Maximum-Version': max } }
    return { status: 200, body: { nodes: [] } }
  })
  close = server.close
  return server
}

const versionOf = (s: Seen | undefined) => s?.headers['x-openstack-ironic-api-version']

describe('microversion', () => {
  it('negotiates the server maximum when it is lower than the client maximum', async () => {
    const server = await api('1.82')
    const res = await runCli(['node', 'list'], { OS_ENDPOINT: server.url })
    expect(res).toMatchObject({ code: 0, stderr: '' })
    expect(server.seen.map((s) => s.url)).toEqual(['/', '/v1/nodes'])
    expect(versionOf(server.seen[1])).toBe('1.82')
  })

  it('caps at the client maximum 1.115', async () => {
    const server = await api('1.200')
    await runCli(['node', 'list'], { OS_ENDPOINT: `${server.url}/v1/` })
    expect(versionOf(server.seen[1])).toBe('1.115')
  })

  it('sends an explicit version without asking the server', async () => {
    const server = await api()
    await runCli(['node', 'list'], { OS_ENDPOINT: server.url, OS_BAREMETAL_API_VERSION: '1.50' })
    expect(server.seen.map((s) => s.url)).toEqual(['/v1/nodes'])
    expect(versionOf(server.seen[0])).toBe('1.50')
    await runCli(['--os-baremetal-api-version', '1.31', 'node', 'list'], { OS_ENDPOINT: server.url, OS_BAREMETAL_API_VERSION: '1.50' })
    expect(versionOf(server.seen[1])).toBe('1.31')
  })
})

describe('authentication', () => {
  it('sends no credentials with auth type none', async () => {
    const server = await api()
    await runCli(['node', 'list'], { OS_ENDPOINT: server.url })
    expect(server.seen[1]?.headers.authorization).toBeUndefined()
    expect(server.seen[1]?.headers['x-auth-token']).toBeUndefined()
  })

  it('sends HTTP basic credentials', async () => {
    const server = await api()
    await runCli(['node', 'list'], { OS_ENDPOINT: server.url, OS_AUTH_TYPE: 'http_basic', OS_USERNAME: 'admin', OS_PASSWORD: 's3cret' })
    const expected = `Basic ${Buffer.from('admin:s3cret').toString('base64')}`
    expect(server.seen.map((s) => s.headers.authorization)).toEqual([expected, expected])
  })

  it('sends a token as X-Auth-Token', async () => {
    const server = await api()
    await runCli(['--os-auth-type', 'token', '--os-token', 'tok-1', 'node', 'list'], { OS_ENDPOINT: server.url })
    expect(server.seen[1]?.headers['x-auth-token']).toBe('tok-1')
  })

  it('refuses http_basic without a password', async () => {
    const res = await runCli(['node', 'list'], { OS_AUTH_TYPE: 'http_basic', OS_USERNAME: 'admin' })
    expect(res.code).not.toBe(0)
    expect(res.stderr).toMatch(/^auth type http_basic needs a username and a password/)
  })
})

describe('clouds.yaml', () => {
  it('reads endpoint, auth and version of the named cloud', async () => {
    const server = await api()
    const dir = mkdtempSync(join(tmpdir(), 'anvil-clouds-'))
    const file = join(dir, 'clouds.yaml')
    writeFileSync(
      file,
      `clouds:\n  lab:\n    auth_type: http_basic\n    auth:\n      endpoint: ${server.url}\n      username: u1\n      password: p1\n    baremetal_api_version: '1.60'\n`,
    )
    const res = await runCli(['--os-cloud', 'lab', 'node', 'list', '-f', 'json'], { OS_CLIENT_CONFIG_FILE: file })
    expect(res).toMatchObject({ code: 0, stdout: '[]\n' })
    expect(server.seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u1:p1').toString('base64')}`)
    expect(versionOf(server.seen[0])).toBe('1.60')
    const override = await runCli(['node', 'list'], { OS_CLOUD: 'lab', OS_CLIENT_CONFIG_FILE: file, OS_AUTH_TYPE: 'none' })
    expect(override.code).toBe(0)
    expect(server.seen[1]?.headers.authorization).toBeUndefined()
  })

  it('fails clearly for an unknown cloud', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anvil-clouds-'))
    const file = join(dir, 'clouds.yaml')
    writeFileSync(file, 'clouds: {}\n')
    const res = await runCli(['node', 'list'], { OS_CLOUD: 'nope', OS_CLIENT_CONFIG_FILE: file })
    expect(res.code).not.toBe(0)
    expect(res.stderr).toBe(`cloud 'nope' was not found in ${file}\n`)
  })
})
