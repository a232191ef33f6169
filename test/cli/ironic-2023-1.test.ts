/**
 * @module The `anvil` client against an API like Debian's Ironic 21.4 (2023.1, at most 1.82), the
 * way test/manual/anvil-cli-vs-ironic.sh found it: features newer than the server fail with one
 * clear line before any request, Ironic's bare 404 keeps a message, and the answers are read the
 * way that Ironic writes them. A scripted server stands in for Ironic (run `npm run build` first).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { rootDoc, runCli, scriptedServer, type Handler, type Seen } from './cli-harness.js'

let close: (() => Promise<void>) | undefined

afterEach(async () => {
  await close?.()
  close = undefined
})

/** Ironic 21.4's answer to a path it does not route (e.g. /v1/runbooks). */
const BARE_404 = { error_message: JSON.stringify({ code: 404, title: 'Not Found', description: '' }) }

async function serve(max: string, handler: Handler = () => ({ status: 404, body: BARE_404 })) {
  const server = await scriptedServer((req) => (req.url === '/' ? { status: 200, body: rootDoc(max) } : handler(req)))
  close = server.close
  return { env: { OS_ENDPOINT: server.url }, seen: server.seen }
}

const apiCalls = (seen: readonly Seen[]) => seen.filter((s) => s.url !== '/').map((s) => `${s.method} ${s.url}`)

describe('features newer than API 1.82', () => {
  it.each([
    [['runbook', 'list'], 'The runbook API needs Bare Metal API version 1.92 or newer; using 1.82'],
    [['runbook', 'show', 'CUSTOM_FW'], 'The runbook API needs Bare Metal API version 1.92 or newer; using 1.82'],
    [['runbook', 'create', '--name', 'CUSTOM_FW', '--steps', '[]'], 'The runbook API needs Bare Metal API version 1.92 or newer; using 1.82'],
    [['runbook', 'delete', 'CUSTOM_FW'], 'The runbook API needs Bare Metal API version 1.92 or newer; using 1.82'],
    [['runbook', 'trait', 'list', 'CUSTOM_FW'], 'The runbook API needs Bare Metal API version 1.92 or newer; using 1.82'],
    [['node', 'service', 'n0', '--service-steps', '[]'], 'node service needs Bare Metal API version 1.87 or newer; using 1.82'],
    [['node', 'unhold', 'n0'], 'node unhold needs Bare Metal API version 1.85 or newer; using 1.82'],
    [['node', 'clean', 'n0', '--runbook', 'CUSTOM_FW'], '--runbook needs Bare Metal API version 1.92 or newer; using 1.82'],
    [['node', 'children', 'list', 'n0'], 'node children list needs Bare Metal API version 1.83 or newer; using 1.82'],
  ])('%j fails with one line and sends nothing', async (args, message) => {
    const { env, seen } = await serve('1.82')
    const res = await runCli(args, env)
    expect(res).toEqual({ code: 1, stdout: '', stderr: `${message}\n` })
    expect(apiCalls(seen)).toEqual([])
  })

  it('still sends them to a server that has them', async () => {
    const { env, seen } = await serve('1.92', () => ({ status: 202 }))
    expect((await runCli(['node', 'clean', 'n0', '--runbook', 'CUSTOM_FW'], env)).code).toBe(0)
    expect((await runCli(['node', 'service', 'n0', '--service-steps', '[]'], env)).code).toBe(0)
    expect(apiCalls(seen)).toEqual(['PUT /v1/nodes/n0/states/provision', 'PUT /v1/nodes/n0/states/provision'])
    expect(seen.filter((s) => s.url !== '/').map((s) => JSON.parse(s.body) as unknown)).toEqual([
      { target: 'clean', runbook: 'CUSTOM_FW' },
      { target: 'service', service_steps: [] },
    ])
  })

  it('checks a usage error before the version', async () => {
    const { env } = await serve('1.82')
    expect(await runCli(['node', 'service', 'n0'], env)).toEqual({
      code: 2, stdout: '', stderr: 'one of --service-steps or --runbook is required\n',
    })
  })
})

describe("Ironic's answers", () => {
  it('prints the title of a 404 whose description is empty', async () => {
    const { env } = await serve('1.92')
    expect(await runCli(['runbook', 'list'], env)).toEqual({ code: 1, stdout: '', stderr: 'Not Found (HTTP 404)\n' })
  })

  it('sends the node list filters under the names Ironic reads (chassis_uuid, shard)', async () => {
    const { env, seen } = await serve('1.82', () => ({ status: 200, body: { nodes: [] } }))
    const chassis = '1b9ffd16-e89c-480c-af3b-2e47a2de94fa'
    expect((await runCli(['node', 'list', '--chassis', chassis, '--shards', 'rack1,rack2'], env)).code).toBe(0)
    const url = new URL(seen.at(-1)!.url, 'http://x')
    expect(url.pathname).toBe('/v1/nodes')
    expect(Object.fromEntries(url.searchParams)).toEqual({ chassis_uuid: chassis, shard: 'rack1,rack2' })
  })

  it('labels `driver list --fields` columns plainly, like python-ironicclient', async () => {
    const drivers = { drivers: [{ name: 'fake-hardware', hosts: ['ironic-oracle'] }] }
    const { env } = await serve('1.82', () => ({ status: 200, body: drivers }))
    const fields = await runCli(['driver', 'list', '--fields', 'name', 'hosts', '-f', 'csv'], env)
    expect(fields.stdout).toBe('"Name","Active host(s)"\n"fake-hardware","ironic-oracle"\n')
    const plain = await runCli(['driver', 'list', '-f', 'csv'], env)
    expect(plain.stdout).toBe('"Supported driver(s)","Active host(s)"\n"fake-hardware","ironic-oracle"\n')
  })

  it('says None for a power state a failed power action left unknown', async () => {
    const node = { uuid: 'n1', power_state: null, target_power_state: null, last_error: 'IPMI call failed: power status.' }
    const { env } = await serve('1.82', (req) => (req.method === 'PUT' ? { status: 202 } : { status: 200, body: node }))
    const res = await runCli(['node', 'power', 'on', 'n1', '--wait', '5'], env)
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(
      "Node n1 failed to reach power state power on. It's in power state None, and has error: IPMI call failed: power status.\n",
    )
  })
})
