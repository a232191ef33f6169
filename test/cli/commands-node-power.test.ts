/**
 * @module `anvil node power on|off|reboot`, `node reboot`, `node boot device set|show`,
 * `node boot mode set`, `node secure boot on|off`, `node inject-nmi`, `node maintenance
 * set|unset` and `node validate` against a live Anvil on fake-hardware nodes: their output in
 * every format they support and what they change on the node. Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, getNode, settle } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { CLI, runCli, type CliResult } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const PW = '0b000000-0000-4000-8000-000000000000'
const PW2 = '0b000000-0000-4000-8000-000000000001'
const MGMT = '0b000000-0000-4000-8000-000000000002'
const NOCON = '0b000000-0000-4000-8000-000000000003'

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  await createNode(t, { uuid: PW, name: 'pw-0' })
  await createNode(t, { uuid: PW2, name: 'pw-1' })
  await createNode(t, { uuid: MGMT, name: 'mgmt-0' })
  await createNode(t, { uuid: NOCON, name: 'nocon-0', console_interface: 'no-console' })
})

afterAll(async () => {
  await t?.close()
})

function expectSilent(res: CliResult): void {
  expect(res).toEqual({ code: 0, stdout: '', stderr: '' })
}

const powerOf = async (uuid: string) => (await settle(t, uuid, (n) => n.target_power_state === null)).power_state as string

/** The plain `--wait` output of a power action, one node. */
function expectPowerWait(res: CliResult, name: string, state: string): void {
  expect([res.code, res.stderr]).toEqual([0, ''])
  expect(res.stdout).not.toMatch(/[\r\x1b]/)
  const lines = res.stdout.trimEnd().split('\n')
  expect(lines[0]).toBe(`Waiting for power state ${state} on node(s) ${name}`)
  expect(lines.at(-2)).toMatch(new RegExp(`^${name}: ${state} \\(\\d+s\\)$`))
  expect(lines.at(-1)).toMatch(new RegExp(`^Node\\(s\\) ${name} reached power state ${state} in \\d+s$`))
}

describe('anvil node power', () => {
  it.each([
    [['power', 'on'], 'power on'],
    [['power', 'off'], 'power off'],
    [['power', 'reboot'], 'power on'],
    [['power', 'off', '--soft', '--power-timeout', '30'], 'power off'],
    [['power', 'reboot', '--soft'], 'power on'],
    [['power', 'off', '--power-timeout', '5'], 'power off'],
    [['reboot'], 'power on'],
    [['reboot', '--soft', '--power-timeout', '10'], 'power on'],
  ])('node %j prints nothing and leaves the node in %s', async (words, state) => {
    const [first, ...rest] = words
    const args = first === 'power' ? ['power', rest[0]!, 'pw-0', ...rest.slice(1)] : [first!, 'pw-0', ...rest]
    expectSilent(await cli('node', ...args))
    expect(await powerOf(PW)).toBe(state)
  })

  it.each([
    [['power', 'off', 'pw-1', '--wait'], 'power off'],
    [['power', 'on', 'pw-1', '--wait', '30'], 'power on'],
    [['power', 'off', 'pw-1', '--soft', '--wait', '30'], 'power off'],
    [['power', 'reboot', 'pw-1', '--wait', '30'], 'power on'],
    [['reboot', 'pw-1', '--soft', '--wait', '0'], 'power on'],
  ])('node %j waits with plain lines for %s', async (args, state) => {
    expectPowerWait(await cli('node', ...args), 'pw-1', state)
    expect((await getNode(t, PW2)).power_state).toBe(state)
  })

  it('powers several nodes', async () => {
    const res = await cli('node', 'power', 'off', 'pw-0', 'pw-1', '--wait', '30')
    expect(res.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Node\(s\) pw-0, pw-1 reached power state power off in \d+s$/)
    expect([(await getNode(t, PW)).power_state, (await getNode(t, PW2)).power_state]).toEqual(['power off', 'power off'])
  })

  it('redraws one live line on a pseudo-terminal', async (ctx) => {
    try {
      execFileSync('script', ['--version'], { stdio: 'ignore' })
    } catch {
      return ctx.skip()
    }
    const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`
    const cmd = [process.execPath, CLI, 'node', 'power', 'on', 'pw-1', '--wait', '30'].map(quote).join(' ')
    const res = await runCli(['-qfec', cmd, '/dev/null'], env, ['script'])
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('\r\x1b[2KWaiting for power state power on: pw-1: power on (')
    expect(res.stdout).toMatch(/\r\x1b\[2KNode\(s\) pw-1 reached power state power on in \d+s\r?\n$/)
    expect(res.stdout).not.toContain('on node(s)')
  })

  it.each([
    ['--soft on power on', ['power', 'on', 'pw-0', '--soft'], "error: unknown option '--soft'"],
    ['a zero power timeout', ['power', 'off', 'pw-0', '--power-timeout', '0'],
      "error: option '--power-timeout <seconds>' argument '0' is invalid. --power-timeout: expected an integer >= 1"],
    ['no node', ['power', 'on'], "error: missing required argument 'node'"],
  ])('reports %s on one line', async (_name, args, message) => {
    expect(await cli('node', ...args)).toEqual({ code: 1, stdout: '', stderr: `${message}\n` })
  })

  it('reports an unknown node', async () => {
    expect(await cli('node', 'power', 'on', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Node nope could not be found. (HTTP 404)\n',
    })
  })
})

describe('anvil node boot device', () => {
  it('sets a supported device, and reports the others', async () => {
    expectSilent(await cli('node', 'boot', 'device', 'set', 'mgmt-0', 'pxe'))
    expectSilent(await cli('node', 'boot', 'device', 'set', 'mgmt-0', 'pw-0', 'pxe', '--persistent'))
    const disk = await cli('node', 'boot', 'device', 'set', 'mgmt-0', 'disk')
    expect(disk).toEqual({ code: 1, stdout: '', stderr: 'Invalid boot device disk specified. (HTTP 400)\n' })
    const bad = await cli('node', 'boot', 'device', 'set', 'mgmt-0', 'floppy')
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: "invalid boot device 'floppy' (choose from pxe, disk, cdrom, bios, safe, wanboot)\n",
    })
    const none = await cli('node', 'boot', 'device', 'set', 'mgmt-0')
    expect(none).toEqual({ code: 2, stdout: '', stderr: 'missing required argument <device>\n' })
  })

  it('shows the boot device in every format', async () => {
    expect((await cli('node', 'boot', 'device', 'show', 'mgmt-0')).stdout).toBe(
      [
        '+-------------+-------+',
        '| Field       | Value |',
        '+-------------+-------+',
        '| boot_device | pxe   |',
        '| persistent  | False |',
        '+-------------+-------+',
        '',
      ].join('\n'),
    )
    const show = (...f: string[]) => cli('node', 'boot', 'device', 'show', MGMT, ...f)
    expect((await show('-f', 'json')).stdout).toBe('{\n  "boot_device": "pxe",\n  "persistent": false\n}\n')
    expect((await show('-f', 'json', '--noindent')).stdout).toBe('{"boot_device": "pxe", "persistent": false}\n')
    expect((await show('-f', 'yaml')).stdout).toBe('boot_device: pxe\npersistent: false\n')
    expect((await show('-f', 'value')).stdout).toBe('pxe\nFalse\n')
    expect((await show('-f', 'shell')).stdout).toBe('boot_device="pxe"\npersistent="False"\n')
    expect((await show('-f', 'shell', '--prefix', 'bd_')).stdout).toBe('bd_boot_device="pxe"\nbd_persistent="False"\n')
    expect((await show('-c', 'persistent', '-f', 'value')).stdout).toBe('False\n')
  })

  it('shows the supported boot devices', async () => {
    expect((await cli('node', 'boot', 'device', 'show', 'mgmt-0', '--supported')).stdout).toBe(
      [
        '+------------------------+-------+',
        '| Field                  | Value |',
        '+------------------------+-------+',
        '| supported_boot_devices | pxe   |',
        '+------------------------+-------+',
        '',
      ].join('\n'),
    )
    const json = await cli('node', 'boot', 'device', 'show', MGMT, '--supported', '-f', 'json')
    expect(JSON.parse(json.stdout)).toEqual({ supported_boot_devices: 'pxe' })
    expect((await cli('node', 'boot', 'device', 'show', MGMT, '--supported', '-f', 'yaml')).stdout).toBe(
      'supported_boot_devices: pxe\n',
    )
    expect((await cli('node', 'boot', 'device', 'show', MGMT, '--supported', '-f', 'value')).stdout).toBe('pxe\n')
  })
})

describe('anvil node boot mode, secure boot and inject-nmi', () => {
  it('asks for a boot mode; fake management records that it cannot', async () => {
    expectSilent(await cli('node', 'boot', 'mode', 'set', 'mgmt-0', 'uefi'))
    const node = await settle(t, MGMT, (n) => n.last_error !== null)
    expect([node.boot_mode, node.last_error]).toEqual([
      null,
      "Failed to change boot mode to 'uefi: Driver fake-hardware does not support set_boot_mode (disabled or not implemented).",
    ])
    const bad = await cli('node', 'boot', 'mode', 'set', 'mgmt-0', 'legacy')
    expect(bad).toEqual({ code: 2, stdout: '', stderr: "invalid boot mode 'legacy' (choose from uefi, bios)\n" })
    const none = await cli('node', 'boot', 'mode', 'set', 'mgmt-0')
    expect(none.stderr).toBe('missing required argument <boot_mode>\n')
  })

  it.each([
    ['on', 'True'],
    ['off', 'False'],
  ])('asks to turn secure boot %s', async (word, shown) => {
    expectSilent(await cli('node', 'secure', 'boot', word, 'mgmt-0'))
    const node = await settle(t, MGMT, (n) => String(n.last_error).includes(`'${shown}'`))
    expect([node.secure_boot, node.last_error]).toEqual([
      null,
      `Failed to change secure_boot state to '${shown}': Driver fake-hardware does not support set_secure_boot_state (disabled or not implemented).`,
    ])
  })

  it('reports that fake hardware cannot inject an NMI', async () => {
    expect(await cli('node', 'inject-nmi', 'mgmt-0')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Driver fake-hardware does not support inject_nmi (disabled or not implemented). (HTTP 400)\n',
    })
  })
})

describe('anvil node maintenance', () => {
  it('sets maintenance with and without a reason, and unsets it', async () => {
    expectSilent(await cli('node', 'maintenance', 'set', 'mgmt-0', '--reason', 'replacing a disk'))
    let node = await getNode(t, MGMT)
    expect([node.maintenance, node.maintenance_reason]).toEqual([true, 'replacing a disk'])
    expectSilent(await cli('node', 'maintenance', 'unset', 'mgmt-0'))
    node = await getNode(t, MGMT)
    expect([node.maintenance, node.maintenance_reason]).toEqual([false, null])
    expectSilent(await cli('node', 'maintenance', 'set', 'mgmt-0', 'pw-0'))
    expect((await getNode(t, PW)).maintenance).toBe(true)
    expect((await cli('node', 'list', '--maintenance', '-f', 'value', '-c', 'Name')).stdout).toBe('pw-0\nmgmt-0\n')
    expectSilent(await cli('node', 'maintenance', 'unset', MGMT, PW))
    expect([(await getNode(t, MGMT)).maintenance, (await getNode(t, PW)).maintenance]).toEqual([false, false])
  })
})

const VALID = ['bios', 'boot', 'console', 'deploy', 'firmware', 'inspect', 'management', 'network', 'power', 'raid', 'rescue', 'storage']
const NO_CONSOLE = 'Driver fake-hardware does not support console (disabled or not implemented).'

describe('anvil node validate', () => {
  it('prints one sorted row per interface', async () => {
    const pad = ' '.repeat(NO_CONSOLE.length)
    const dash = '-'.repeat(NO_CONSOLE.length + 2)
    const row = (i: string) =>
      i === 'console' ? `| console    | False  | ${NO_CONSOLE} |` : `| ${i.padEnd(10)} | True   | ${pad} |`
    expect((await cli('node', 'validate', 'nocon-0')).stdout).toBe(
      [
        `+------------+--------+${dash}+`,
        `| Interface  | Result | Reason${' '.repeat(NO_CONSOLE.length - 6)} |`,
        `+------------+--------+${dash}+`,
        ...VALID.map(row),
        `+------------+--------+${dash}+`,
        '',
      ].join('\n'),
    )
  })

  it('prints json, yaml, value and csv', async () => {
    const json = JSON.parse((await cli('node', 'validate', NOCON, '-f', 'json')).stdout) as unknown[]
    expect(json).toEqual(
      VALID.map((i) => ({ Interface: i, Result: i !== 'console', Reason: i === 'console' ? NO_CONSOLE : '' })),
    )
    const yaml = (await cli('node', 'validate', NOCON, '-f', 'yaml')).stdout
    expect(yaml.split('\n').slice(0, 6)).toEqual([
      "- Interface: bios", "  Reason: ''", '  Result: true',
      "- Interface: boot", "  Reason: ''", '  Result: true',
    ])
    expect(yaml).toContain(`- Interface: console\n  Reason: ${NO_CONSOLE}\n  Result: false\n`)
    const value = (await cli('node', 'validate', NOCON, '-f', 'value')).stdout
    expect(value).toBe(VALID.map((i) => (i === 'console' ? `console False ${NO_CONSOLE}` : `${i} True `)).join('\n') + '\n')
    const csv = (await cli('node', 'validate', NOCON, '-f', 'csv')).stdout
    expect(csv).toBe(
      '"Interface","Result","Reason"\n' +
        VALID.map((i) => (i === 'console' ? `"console",False,"${NO_CONSOLE}"` : `"${i}",True,""`)).join('\n') + '\n',
    )
  })

  it('picks columns with -c', async () => {
    const res = await cli('node', 'validate', 'pw-0', '-c', 'Interface', '-c', 'Result', '-f', 'csv')
    expect(res.stdout).toBe('"Interface","Result"\n' + VALID.map((i) => `"${i}",True`).join('\n') + '\n')
  })
})
