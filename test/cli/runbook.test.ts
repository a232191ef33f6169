/**
 * @module `anvil runbook ...` (python-ironicclient's `baremetal runbook`) against a live Anvil.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>

const cli = (...args: string[]) => runCli(args, env)
const STEPS = '[{"interface": "bios", "step": "apply_configuration", "args": {"password": "x"}, "order": 1}]'

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

describe('anvil runbook', () => {
  let uuid: string

  it('creates a runbook and shows every detailed field', async () => {
    const res = await cli('runbook', 'create', '--name', 'CUSTOM_CLI', '--steps', STEPS, '--extra', 'team=ops',
      '--description', 'firmware', '--public', '--disable-ramdisk', '-f', 'json')
    expect(res.stderr).toBe('')
    const rb = JSON.parse(res.stdout) as Record<string, unknown>
    expect(Object.keys(rb)).toEqual([
      'created_at', 'description', 'disable_ramdisk', 'extra', 'name', 'owner', 'public', 'steps', 'traits', 'updated_at', 'uuid',
    ])
    expect(rb).toMatchObject({
      name: 'CUSTOM_CLI',
      description: 'firmware',
      public: true,
      disable_ramdisk: true,
      extra: { team: 'ops' },
      traits: [],
      steps: [{ interface: 'bios', step: 'apply_configuration', args: { password: '******' }, order: 1 }],
    })
    uuid = rb.uuid as string
  })

  it('reads steps from a YAML file and --public false', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anvil-runbook-'))
    const file = join(dir, 'steps.yaml')
    writeFileSync(file, '- interface: raid\n  step: delete_configuration\n  order: 0\n')
    const res = await cli('runbook', 'create', '--name', 'cli-second', '--steps', file, '--public', 'false', '-f', 'json')
    expect(res.stderr).toBe('')
    expect(JSON.parse(res.stdout)).toMatchObject({
      name: 'cli-second',
      public: false,
      steps: [{ interface: 'raid', step: 'delete_configuration', args: {}, order: 0 }],
    })
  })

  it('lists with baremetal headings, --long and --fields', async () => {
    const table = (await cli('runbook', 'list')).stdout.split('\n')
    expect(table[1]).toMatch(/^\| UUID +\| Name +\|$/)
    expect(table[3]).toBe(`| ${uuid} | CUSTOM_CLI |`)
    const long = JSON.parse((await cli('runbook', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(Object.keys(long[0]!)).toEqual([
      'UUID', 'Name', 'Description', 'Traits', 'Disable Ramdisk', 'Owner', 'Public', 'Steps', 'Extra', 'Created At', 'Updated At',
    ])
    const fields = await cli('runbook', 'list', '--fields', 'name', 'public', '-f', 'csv', '--sort', 'name')
    expect(fields.stdout).toBe('"Name","Public"\n"CUSTOM_CLI",True\n"cli-second",False\n')
  })

  it('shows by name with --fields', async () => {
    const res = await cli('runbook', 'show', 'CUSTOM_CLI', '--fields', 'name', 'extra', '-f', 'json')
    expect(JSON.parse(res.stdout)).toEqual({ extra: { team: 'ops' }, name: 'CUSTOM_CLI' })
  })

  it('sets and unsets properties', async () => {
    const set = await cli('runbook', 'set', 'CUSTOM_CLI', '--public', 'false', '--owner', 'p1', '--extra', 'n=2',
      '--disable-ramdisk', 'false', '--name', 'CUSTOM_CLI2')
    expect(set).toMatchObject({ code: 0, stderr: '' })
    let show = JSON.parse((await cli('runbook', 'show', uuid, '-f', 'json')).stdout) as Record<string, unknown>
    expect(show).toMatchObject({ name: 'CUSTOM_CLI2', owner: 'p1', public: false, disable_ramdisk: false, extra: { team: 'ops', n: 2 } })
    expect((await cli('runbook', 'unset', 'CUSTOM_CLI2', '--owner', '--extra', 'team', '--description')).code).toBe(0)
    show = JSON.parse((await cli('runbook', 'show', uuid, '-f', 'json')).stdout) as Record<string, unknown>
    expect(show).toMatchObject({ owner: null, description: null, extra: { n: 2 } })
  })

  it('reports server errors on one line', async () => {
    const res = await cli('runbook', 'set', 'CUSTOM_CLI2', '--public')
    expect(res.code).toBe(0)
    const refused = await cli('runbook', 'set', 'CUSTOM_CLI2', '--owner', 'p2')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      "Couldn't apply patch '[{'op': 'add', 'path': '/owner', 'value': 'p2'}]'. Reason: There cannot be an owner for a public runbook (HTTP 400)\n",
    )
    const unset = await cli('runbook', 'unset', 'CUSTOM_CLI2')
    expect(unset).toMatchObject({ code: 2, stderr: 'Please specify what to unset.\n' })
  })

  it('adds, lists and removes traits', async () => {
    const add = await cli('runbook', 'trait', 'add', 'CUSTOM_CLI2', 'CUSTOM_B', 'CUSTOM_A')
    expect(add).toMatchObject({ code: 0, stdout: 'Added trait CUSTOM_B\nAdded trait CUSTOM_A\n' })
    expect((await cli('runbook', 'trait', 'list', 'CUSTOM_CLI2', '-f', 'value')).stdout).toBe('CUSTOM_A\nCUSTOM_B\n')
    const rm = await cli('runbook', 'trait', 'remove', 'CUSTOM_CLI2', 'CUSTOM_A')
    expect(rm.stdout).toBe('Removed trait CUSTOM_A\n')
    const all = await cli('runbook', 'trait', 'remove', 'CUSTOM_CLI2', '--all')
    expect(all.stdout).toBe('Removed all traits from runbook CUSTOM_CLI2\n')
    expect((await cli('runbook', 'trait', 'list', 'CUSTOM_CLI2', '-f', 'json')).stdout.trim()).toBe('[]')
  })

  it('needs 1.112 for traits and --description', async () => {
    const old = { ...env, OS_BAREMETAL_API_VERSION: '1.92' }
    const traits = await runCli(['runbook', 'trait', 'list', 'CUSTOM_CLI2'], old)
    expect(traits).toMatchObject({ code: 1, stderr: 'Runbook traits needs Bare Metal API version 1.112 or newer; using 1.92\n' })
    const desc = await runCli(['runbook', 'set', 'CUSTOM_CLI2', '--description', 'x'], old)
    expect(desc.stderr).toBe('--description needs Bare Metal API version 1.112 or newer; using 1.92\n')
  })

  it('deletes runbooks and reports each', async () => {
    const res = await cli('runbook', 'delete', 'CUSTOM_CLI2', 'cli-second')
    expect(res).toMatchObject({ code: 0, stdout: 'Deleted runbook CUSTOM_CLI2\nDeleted runbook cli-second\n' })
    const gone = await cli('runbook', 'show', uuid)
    expect(gone.stderr).toBe(`Runbook ${uuid} could not be found. (HTTP 404)\n`)
  })
})
