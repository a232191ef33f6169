/**
 * @module `--wait` on provisioning and power actions: plain lines when piped, a live redrawn line
 * on a pseudo-terminal (util-linux `script`), and failure / time-out exits.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { CLI, ironicError, rootDoc, runCli, scriptedServer } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  await cli('node', 'create', '--driver', 'fake-hardware', '--name', 'cli-wait')
})

afterAll(async () => {
  await t?.close()
})

describe('--wait against Anvil', () => {
  it('prints plain lines when stdout is not a terminal', async () => {
    const res = await cli('node', 'manage', 'cli-wait', '--wait', '30')
    if (res.stderr.includes('(HTTP 404)') || res.stderr.includes('(HTTP 405)')) return
    expect(res.stderr).toBe('')
    expect(res.code).toBe(0)
    const lines = res.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('Waiting for provision state manageable on node(s) cli-wait')
    expect(lines.at(-1)).toMatch(/^Node\(s\) cli-wait reached provision state manageable in \d+s$/)
    expect(res.stdout).not.toContain('\r')
    expect(res.stdout).not.toContain('\x1b[')
    const state = await cli('node', 'show', 'cli-wait', '-c', 'provision_state', '-f', 'value')
    expect(state.stdout).toBe('manageable\n')
  })

  it('redraws one live line on a pseudo-terminal', async (ctx) => {
    if (!hasScript()) return ctx.skip()
    const cmd = [process.execPath, CLI, 'node', 'provide', 'cli-wait', '--wait', '30'].map(shellQuote).join(' ')
    const res = await runCli(['-qfec', cmd, '/dev/null'], env, ['script'])
    if (res.stdout.includes('(HTTP 404)') || res.stdout.includes('(HTTP 405)')) return ctx.skip()
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('\r\x1b[2KWaiting for provision state available: cli-wait: ')
    expect(res.stdout).toMatch(/\r\x1b\[2KNode\(s\) cli-wait reached provision state available in \d+s\r?\n$/)
    expect(res.stdout).not.toContain('Waiting for provision state available on node(s)')
  })

  it('waits for power actions', async () => {
    const res = await cli('node', 'power', 'off', 'cli-wait', '--wait', '10')
    if (res.stderr.includes('(HTTP 404)') || res.stderr.includes('(HTTP 405)')) return
    expect(res.stderr).toBe('')
    expect(res.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Node\(s\) cli-wait reached power state power off in \d+s$/)
  })
})

/** A scripted API whose node walks through the given states on successive GETs. */
async function walkingNode(states: Array<Record<string, unknown>>) {
  let polls = 0
  return scriptedServer((req) => {
    if (req.url === '/') return { status: 200, body: rootDoc('1.82') }
    if (req.method === 'PUT') return { status: 202 }
    if (req.url.startsWith('/v1/nodes/n1')) {
      const s = states[Math.min(polls++, states.length - 1)]
      return { status: 200, body: { uuid: 'n1', last_error: null, ...s } }
    }
    return { status: 404, body: ironicError('nope') }
  })
}

describe('--wait outcomes', () => {
  it('exits non-zero with last_error when the node ends in a failed state', async () => {
    const api = await walkingNode([
      { provision_state: 'deploying', target_provision_state: 'active' },
      { provision_state: 'deploy failed', target_provision_state: 'active', last_error: 'disk on fire' },
    ])
    try {
      const res = await runCli(['node', 'deploy', 'n1', '--wait'], { OS_ENDPOINT: api.url })
      expect(res.code).not.toBe(0)
      expect(res.stderr).toBe(
        "Node n1 failed to reach state active. It's in state deploy failed, and has error: disk on fire\n",
      )
      expect(res.stdout).toContain('n1: deploying → active')
      const put = api.seen.find((s) => s.method === 'PUT')
      expect(put?.url).toBe('/v1/nodes/n1/states/provision')
      expect(JSON.parse(put?.body ?? '{}')).toEqual({ target: 'active' })
    } finally {
      await api.close()
    }
  })

  it('exits non-zero with a clear message on time-out', async () => {
    const api = await walkingNode([{ provision_state: 'cleaning', target_provision_state: 'available' }])
    try {
      const res = await runCli(['node', 'provide', 'n1', '--wait', '1'], { OS_ENDPOINT: api.url, ANVIL_WAIT_INTERVAL: '0.2' })
      expect(res.code).not.toBe(0)
      expect(res.stderr).toBe('Node(s) n1 failed to reach provision state available in 1 seconds\n')
    } finally {
      await api.close()
    }
  })

  it('fails a power wait that ends in the wrong state', async () => {
    const api = await walkingNode([
      { power_state: 'power off', target_power_state: 'power on' },
      { power_state: 'power off', target_power_state: null, last_error: 'BMC said no' },
    ])
    try {
      const res = await runCli(['node', 'power', 'on', 'n1', '--wait', '5'], { OS_ENDPOINT: api.url })
      expect(res.code).not.toBe(0)
      expect(res.stderr).toBe("Node n1 failed to reach power state power on. It's in power state power off, and has error: BMC said no\n")
    } finally {
      await api.close()
    }
  })
})
