/**
 * @module `anvil node manage|provide|inspect|clean|service|deploy|rebuild|undeploy|rescue|unrescue|
 * adopt|abort|unhold` against a live Anvil on fake-hardware nodes, with and without `--wait`:
 * the (empty) output, the plain `--wait` lines when piped, the failure and time-out exits, and
 * the provision state the node ends in. Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, getNode, settle } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli, type CliResult } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const P0 = '0a000000-0000-4000-8000-000000000000'
const P1 = '0a000000-0000-4000-8000-000000000001'
const MA = '0a000000-0000-4000-8000-00000000000a'
const MB = '0a000000-0000-4000-8000-00000000000b'
const HOLD = '0a000000-0000-4000-8000-000000000002'
const FAIL = '0a000000-0000-4000-8000-000000000003'
const RB = '0a000000-0000-4000-8000-000000000004'
const ENROLL = '0a000000-0000-4000-8000-000000000005'

const LOG_STEP = '[{"interface": "vendor", "step": "log_passthrough", "args": {}}]'
const HOLD_STEP = '[{"interface": "deploy", "step": "hold"}]'

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  for (const [uuid, name] of [
    [P0, 'prov-0'], [P1, 'prov-1'], [MA, 'multi-a'], [MB, 'multi-b'], [HOLD, 'prov-hold'],
    [FAIL, 'prov-fail'], [RB, 'prov-rb'], [ENROLL, 'prov-enroll'],
  ] as const) {
    await createNode(t, { uuid, name })
  }
  const rb = await t.request({
    method: 'POST',
    url: '/v1/runbooks',
    body: { name: 'CUSTOM_RB', steps: [{ interface: 'vendor', step: 'log_passthrough', args: {}, order: 0 }] },
  })
  expect(rb.status).toBe(201)
  expect((await t.request({ method: 'PUT', url: '/v1/runbooks/CUSTOM_RB/traits/CUSTOM_RB' })).status).toBe(204)
  expect((await t.request({ method: 'PUT', url: `/v1/nodes/${RB}/traits/CUSTOM_RB` })).status).toBe(204)
})

afterAll(async () => {
  await t?.close()
})

/** A provisioning verb without `--wait` prints nothing and exits 0. */
function expectSilent(res: CliResult): void {
  expect(res).toEqual({ code: 0, stdout: '', stderr: '' })
}

/**
 * The plain `--wait` output when piped: a heading, one line per state change of each node, and
 * the summary; no carriage returns or escape sequences.
 */
function expectWaitLines(res: CliResult, names: string[], state: string, kind = 'provision'): void {
  expect(res.stderr).toBe('')
  expect(res.code).toBe(0)
  expect(res.stdout).not.toMatch(/[\r\x1b]/)
  const lines = res.stdout.trimEnd().split('\n')
  const list = names.join(', ')
  expect(lines[0]).toBe(`Waiting for ${kind} state ${state} on node(s) ${list}`)
  expect(lines.at(-1)).toMatch(new RegExp(`^Node\\(s\\) ${list} reached ${kind} state ${state} in \\d+s$`))
  const progress = lines.slice(1, -1)
  for (const line of progress) expect(line).toMatch(/^[a-z0-9-]+: [a-z →-]+ \(\d+s\)$/)
  for (const name of names) {
    const own = progress.filter((l) => l.startsWith(`${name}: `))
    expect(own.at(-1)).toMatch(new RegExp(`^${name}: ${state} \\(\\d+s\\)$`))
  }
}

const stateOf = async (uuid: string) => (await settle(t, uuid)).provision_state as string

describe('provisioning verbs without --wait', () => {
  it.each([
    ['manage', [], 'manageable'],
    ['inspect', [], 'manageable'],
    ['clean', ['--clean-steps', LOG_STEP], 'manageable'],
    ['adopt', [], 'active'],
    ['undeploy', [], 'available'],
    ['deploy', ['--config-drive', 'http://example.com/cd.iso'], 'active'],
    ['rebuild', [], 'active'],
    ['rescue', ['--rescue-password', 's3cret'], 'rescue'],
    ['unrescue', [], 'active'],
    ['service', ['--service-steps', LOG_STEP], 'active'],
    ['undeploy', [], 'available'],
    ['manage', [], 'manageable'],
    ['provide', [], 'available'],
  ])('%s %j prints nothing and the node reaches %s', async (verb, extra, state) => {
    expectSilent(await cli('node', verb, 'prov-0', ...extra))
    expect(await stateOf(P0)).toBe(state)
  })

  it('sends the config drive and the steps it was given', async () => {
    expectSilent(await cli('node', 'deploy', P0, '--config-drive', '{"meta_data": {"hostname": "p0"}}'))
    const node = await settle(t, P0)
    expect([node.provision_state, node.instance_info]).toEqual(['active', { configdrive: '******' }])
    const events = (await t.request({ url: `/v1/nodes/${P0}/history` })).body.history as { event: string }[]
    const texts = events.map((e) => e.event)
    expect(texts).toContain(
      "Manual Cleaning completed successfully with steps=[{'interface': 'vendor', 'step': 'log_passthrough', " +
        "'args': {}, 'abortable': False, 'priority': 1}]",
    )
    expect(texts.some((e) => e.startsWith("Servicing completed successfully with steps=[{'interface': 'vendor'"))).toBe(true)
  })
})

describe('provisioning verbs with --wait', () => {
  it.each([
    ['manage', ['--wait'], 'manageable'],
    ['inspect', ['--wait', '30'], 'manageable'],
    ['clean', ['--clean-steps', LOG_STEP, '--wait', '30'], 'manageable'],
    ['adopt', ['--wait', '30'], 'active'],
    ['undeploy', ['--wait', '30'], 'available'],
    ['deploy', ['--wait', '30'], 'active'],
    ['rebuild', ['--wait', '0'], 'active'],
    ['rescue', ['--rescue-password', 's3cret', '--wait', '30'], 'rescue'],
    ['unrescue', ['--wait', '30'], 'active'],
    ['service', ['--service-steps', LOG_STEP, '--wait', '30'], 'active'],
    ['undeploy', ['--wait', '30'], 'available'],
    ['manage', ['--wait', '30'], 'manageable'],
    ['provide', ['--wait', '30'], 'available'],
  ])('%s %j prints plain progress lines and the node is %s', async (verb, extra, state) => {
    const res = await cli('node', verb, 'prov-1', ...extra)
    expectWaitLines(res, ['prov-1'], state)
    const node = await getNode(t, P1)
    expect([node.provision_state, node.target_provision_state]).toEqual([state, null])
  })

  it('waits for several nodes at once', async () => {
    const res = await cli('node', 'manage', 'multi-a', 'multi-b', '--wait', '30')
    expectWaitLines(res, ['multi-a', 'multi-b'], 'manageable')
    expect((await getNode(t, MA)).provision_state).toBe('manageable')
    expect((await getNode(t, MB)).provision_state).toBe('manageable')
    expectWaitLines(await cli('node', 'provide', MA, MB, '--wait'), [MA, MB], 'available')
  })

  it('runs a runbook for clean and service', async () => {
    expectWaitLines(await cli('node', 'manage', 'prov-rb', '--wait', '30'), ['prov-rb'], 'manageable')
    expectWaitLines(await cli('node', 'clean', 'prov-rb', '--runbook', 'CUSTOM_RB', '--wait', '30'), ['prov-rb'], 'manageable')
    const events = (await t.request({ url: `/v1/nodes/${RB}/history` })).body.history as { event: string }[]
    expect(events.at(-1)?.event).toBe(
      "Manual Cleaning completed successfully with steps=[{'interface': 'vendor', 'step': 'log_passthrough', " +
        "'args': {}, 'order': 0, 'abortable': False, 'priority': 1}]",
    )
    expectWaitLines(await cli('node', 'adopt', 'prov-rb', '--wait', '30'), ['prov-rb'], 'active')
    expectWaitLines(await cli('node', 'service', 'prov-rb', '--runbook', 'CUSTOM_RB', '--wait', '30'), ['prov-rb'], 'active')
  })

  it('exits non-zero with last_error when the node fails', async () => {
    expectSilent(await cli('node', 'manage', 'prov-fail'))
    await settle(t, FAIL)
    const res = await cli('node', 'clean', 'prov-fail', '--clean-steps', '[{"interface": "raid", "step": "create_configuration"}]', '--wait', '30')
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(
      "Node prov-fail failed to reach state manageable. It's in state clean failed, and has error: " +
        `Cannot clean node ${FAIL}: node does not support this clean step: {'interface': 'raid', 'step': 'create_configuration'}\n`,
    )
    const lines = res.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('Waiting for provision state manageable on node(s) prov-fail')
    expect(lines.at(-1)).toMatch(/^prov-fail: clean failed → manageable \(\d+s\)$/)
    expect(res.stdout).not.toContain('reached')
    expect((await getNode(t, FAIL)).provision_state).toBe('clean failed')
    // the error as `-f yaml` prints it: single-quoted and folded like PyYAML's safe_dump
    const yaml = await cli('node', 'show', 'prov-fail', '-c', 'last_error', '-c', 'provision_state', '-f', 'yaml')
    expect(yaml.stdout).toBe(
      `last_error: 'Cannot clean node ${FAIL}: node does not\n` +
        "  support this clean step: {''interface'': ''raid'', ''step'': ''create_configuration''}'\n" +
        'provision_state: clean failed\n',
    )
  })
})

describe('held steps: unhold, abort and a --wait time-out', () => {
  it('times out while the node holds, with a clear message', async () => {
    await cli('node', 'manage', 'prov-hold', '--wait', '30')
    const res = await runCli(['node', 'clean', 'prov-hold', '--clean-steps', HOLD_STEP, '--wait', '1'], { ...env, ANVIL_WAIT_INTERVAL: '0.2' })
    expect(res.code).toBe(1)
    expect(res.stderr).toBe('Node(s) prov-hold failed to reach provision state manageable in 1 seconds\n')
    expect(res.stdout).toMatch(/^Waiting for provision state manageable on node\(s\) prov-hold\n/)
    expect(res.stdout.trimEnd().split('\n').at(-1)).toMatch(/^prov-hold: clean hold → manageable \(\d+s\)$/)
    const node = await settle(t, HOLD, (n) => n.provision_state === 'clean hold')
    expect(node.target_provision_state).toBe('manageable')
  })

  it('unholds the node, which then waits for its agent', async () => {
    expectSilent(await cli('node', 'unhold', 'prov-hold'))
    const node = await settle(t, HOLD, (n) => n.provision_state !== 'clean hold')
    expect([node.provision_state, node.target_provision_state]).toEqual(['clean wait', 'manageable'])
  })

  it('aborts the cleaning', async () => {
    expectSilent(await cli('node', 'abort', HOLD))
    const node = await settle(t, HOLD, (n) => n.provision_state === 'clean failed')
    expect(node.last_error).toBe('By request, the clean operation was aborted during or after the completion of step "deploy.hold"')
  })

  it('reports a verb the state does not allow', async () => {
    const abort = await cli('node', 'abort', 'prov-enroll')
    expect(abort).toEqual({
      code: 1,
      stdout: '',
      stderr: `The requested action "abort" can not be performed on node "${ENROLL}" while it is in state "enroll". (HTTP 400)\n`,
    })
    const unhold = await cli('node', 'unhold', 'prov-enroll')
    expect(unhold.stderr).toBe(
      `The requested action "unhold" can not be performed on node "${ENROLL}" while it is in state "enroll". (HTTP 400)\n`,
    )
    const deploy = await cli('node', 'deploy', 'prov-enroll', '--wait')
    expect(deploy).toEqual({
      code: 1,
      stdout: '',
      stderr: `The requested action "active" can not be performed on node "${ENROLL}" while it is in state "enroll". (HTTP 400)\n`,
    })
    expect((await getNode(t, ENROLL)).provision_state).toBe('enroll')
  })
})

describe('bad arguments', () => {
  it.each([
    ['clean without steps', ['clean', 'prov-enroll'], 2, 'one of --clean-steps or --runbook is required'],
    ['service without steps', ['service', 'prov-enroll'], 2, 'one of --service-steps or --runbook is required'],
    ['a runbook without the ramdisk', ['clean', 'prov-enroll', '--runbook', 'CUSTOM_RB', '--disable-ramdisk'], 2,
      'You cannot supply --runbook and --disable-ramdisk together'],
    ['rescue without a password', ['rescue', 'prov-enroll'], 1, "error: required option '--rescue-password <password>' not specified"],
    ['--wait on abort', ['abort', 'prov-enroll', '--wait'], 1, "error: unknown option '--wait'"],
    ['--wait on unhold', ['unhold', 'prov-enroll', '--wait'], 1, "error: unknown option '--wait'"],
    ['no node', ['deploy'], 1, "error: missing required argument 'node'"],
  ])('reports %s on one line', async (_name, args, code, message) => {
    expect(await cli('node', ...args)).toEqual({ code, stdout: '', stderr: `${message}\n` })
  })

  it('reports steps that are not JSON, or that the server rejects', async () => {
    const bad = await cli('node', 'clean', 'prov-enroll', '--clean-steps', '{bad')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^Invalid clean steps: [^\n]+\n$/)
    const schema = await cli('node', 'rebuild', 'prov-0', '--deploy-steps', '[{"interface": "deploy", "step": "x", "priority": 1}]')
    expect(schema).toEqual({ code: 1, stdout: '', stderr: "Invalid deploy_steps: 'args' is a required property (HTTP 400)\n" })
  })
})
