/**
 * @module The client's VIF, console, BIOS and inventory commands against a live Anvil, in the
 * output formats of python-ironicclient (run `npm run build` first: this runs dist/).
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveInventory } from '../../src/db/repos/inventory.js'
import { act, createNode, settle } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
let uuid: string
let port: string

const cli = (...args: string[]) => runCli(args, env)

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  uuid = await createNode(t, { name: 'cli-extra-0', network_interface: 'flat' })
  const r = await t.request({
    method: 'POST',
    url: '/v1/ports',
    body: { node_uuid: uuid, address: '52:54:00:00:20:01' },
  })
  port = r.body.uuid as string
})

afterAll(async () => {
  await t?.close()
})

describe('anvil node vif', () => {
  it('prints an empty list for a node without VIFs', async () => {
    const res = await cli('node', 'vif', 'list', 'cli-extra-0')
    expect(res).toMatchObject({ code: 0, stderr: '', stdout: '\n' })
    expect((await cli('node', 'vif', 'list', 'cli-extra-0', '-f', 'json')).stdout).toBe('[]\n')
  })

  it('attaches a VIF to the port and lists it in every format', async () => {
    const res = await cli('node', 'vif', 'attach', 'cli-extra-0', 'vif-0', '--port-uuid', port, '--vif-info', 'tag=a')
    expect(res).toMatchObject({ code: 0, stderr: '', stdout: '' })
    const p = await t.request({ url: `/v1/ports/${port}` })
    expect(p.body.internal_info).toEqual({ tenant_vif_port_id: 'vif-0' })
    expect((await cli('node', 'vif', 'list', 'cli-extra-0')).stdout).toBe(
      ['+-------+', '| ID    |', '+-------+', '| vif-0 |', '+-------+', ''].join('\n'),
    )
    expect(JSON.parse((await cli('node', 'vif', 'list', uuid, '-f', 'json')).stdout)).toEqual([{ ID: 'vif-0' }])
    expect((await cli('node', 'vif', 'list', uuid, '-f', 'yaml')).stdout).toBe('- ID: vif-0\n')
    expect((await cli('node', 'vif', 'list', uuid, '-f', 'value')).stdout).toBe('vif-0\n')
  })

  it("reports the server's errors and refuses an id in --vif-info", async () => {
    const again = await cli('node', 'vif', 'attach', uuid, 'vif-0')
    expect(again.code).toBe(1)
    expect(again.stderr).toBe(
      `Unable to attach VIF because VIF vif-0 is already attached to Ironic Port ${port} (HTTP 409)\n`,
    )
    const full = await cli('node', 'vif', 'attach', uuid, 'vif-1')
    expect(full.stderr).toBe('Unable to attach VIF vif-1, not enough free physical ports. (HTTP 400)\n')
    const id = await cli('node', 'vif', 'attach', uuid, 'vif-1', '--vif-info', 'id=x')
    expect(id.code).toBe(1)
    expect(id.stderr).toBe("The attribute 'id' can't be specified in vif-info\n")
  })

  it('detaches the VIF', async () => {
    expect(await cli('node', 'vif', 'detach', uuid, 'vif-0')).toMatchObject({ code: 0, stdout: '', stderr: '' })
    expect((await cli('node', 'vif', 'list', uuid, '-f', 'value')).stdout).toBe('')
    const gone = await cli('node', 'vif', 'detach', uuid, 'vif-0')
    expect(gone.stderr).toBe(
      `Unable to detach VIF vif-0 from node ${uuid} because it is not attached to it. (HTTP 400)\n`,
    )
  })
})

describe('anvil node console', () => {
  it('shows a disabled console', async () => {
    expect((await cli('node', 'console', 'show', 'cli-extra-0')).stdout).toBe(
      [
        '+-----------------+-------+',
        '| Field           | Value |',
        '+-----------------+-------+',
        '| console_enabled | False |',
        '| console_info    | None  |',
        '+-----------------+-------+',
        '',
      ].join('\n'),
    )
    expect((await cli('node', 'console', 'show', uuid, '-f', 'value')).stdout).toBe('False\nNone\n')
  })

  it('enables and disables the console', async () => {
    expect(await cli('node', 'console', 'enable', 'cli-extra-0')).toMatchObject({ code: 0, stdout: '', stderr: '' })
    await settle(t, uuid, (n) => n.console_enabled === true)
    const json = await cli('node', 'console', 'show', uuid, '-f', 'json')
    expect(JSON.parse(json.stdout)).toEqual({ console_enabled: true, console_info: {} })
    expect((await cli('node', 'console', 'show', uuid, '-f', 'yaml')).stdout).toBe(
      'console_enabled: true\nconsole_info: {}\n',
    )
    expect((await cli('node', 'console', 'show', uuid, '-f', 'value')).stdout).toBe('True\n{}\n')
    expect((await cli('node', 'console', 'disable', uuid)).code).toBe(0)
    await settle(t, uuid, (n) => n.console_enabled === false)
    expect((await cli('node', 'console', 'show', uuid, '-f', 'value')).stdout).toBe('False\nNone\n')
  })

  it('reports an interface without console support', async () => {
    const other = await createNode(t, { console_interface: 'no-console' })
    const res = await cli('node', 'console', 'enable', other)
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(
      'Driver fake-hardware does not support console (disabled or not implemented). (HTTP 400)\n',
    )
  })
})

describe('anvil node bios setting', () => {
  beforeAll(async () => {
    await act(t, uuid, { target: 'manage' })
    const n = await act(t, uuid, {
      target: 'clean',
      clean_steps: [
        {
          interface: 'bios',
          step: 'apply_configuration',
          args: {
            settings: [
              { name: 'ProcVirtualization', value: 'Enabled' },
              { name: 'BootMode', value: 'Uefi' },
            ],
          },
        },
      ],
    })
    expect(n.provision_state).toBe('manageable')
  })

  it('lists the settings with baremetal headings', async () => {
    expect((await cli('node', 'bios', 'setting', 'list', 'cli-extra-0')).stdout).toBe(
      [
        '+--------------------+--------------------+',
        '| BIOS setting name  | BIOS setting value |',
        '+--------------------+--------------------+',
        '| BootMode           | Uefi               |',
        '| ProcVirtualization | Enabled            |',
        '+--------------------+--------------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('node', 'bios', 'setting', 'list', uuid, '-f', 'json')).stdout)).toEqual([
      { 'BIOS setting name': 'BootMode', 'BIOS setting value': 'Uefi' },
      { 'BIOS setting name': 'ProcVirtualization', 'BIOS setting value': 'Enabled' },
    ])
    expect((await cli('node', 'bios', 'setting', 'list', uuid, '-f', 'yaml')).stdout).toBe(
      "- BIOS setting name: BootMode\n  BIOS setting value: Uefi\n- BIOS setting name: ProcVirtualization\n  BIOS setting value: Enabled\n",
    )
    expect((await cli('node', 'bios', 'setting', 'list', uuid, '-f', 'value')).stdout).toBe(
      'BootMode Uefi\nProcVirtualization Enabled\n',
    )
  })

  it('lists the registry columns with --long and chosen ones with --fields', async () => {
    const long = await cli('node', 'bios', 'setting', 'list', uuid, '--long', '-f', 'json')
    expect(JSON.parse(long.stdout)[0]).toEqual({
      Name: 'BootMode',
      Value: 'Uefi',
      'Attribute Type': null,
      'Allowable Values': [],
      'Lower Bound': null,
      'Minimum Length': null,
      'Maximum Length': null,
      'Read Only': null,
      'Reset Required': null,
      Unique: null,
      'Upper Bound': null,
    })
    const fields = await cli('node', 'bios', 'setting', 'list', uuid, '--fields', 'name', 'read_only', '-f', 'csv')
    expect(fields.stdout).toBe('"Name","Read Only"\n"BootMode",""\n"ProcVirtualization",""\n')
    const bad = await cli('node', 'bios', 'setting', 'list', uuid, '--fields', 'links')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("argument --fields: invalid choice: 'links'")
    const both = await cli('node', 'bios', 'setting', 'list', uuid, '--long', '--fields', 'name')
    expect(both.code).toBe(2)
  })

  it('shows one setting without links', async () => {
    const table = await cli('node', 'bios', 'setting', 'show', 'cli-extra-0', 'BootMode', '-c', 'name', '-c', 'value')
    expect(table.stdout).toBe(
      [
        '+-------+----------+',
        '| Field | Value    |',
        '+-------+----------+',
        '| name  | BootMode |',
        '| value | Uefi     |',
        '+-------+----------+',
        '',
      ].join('\n'),
    )
    const json = JSON.parse((await cli('node', 'bios', 'setting', 'show', uuid, 'BootMode', '-f', 'json')).stdout)
    expect(Object.keys(json)).toEqual([
      'allowable_values',
      'attribute_type',
      'created_at',
      'lower_bound',
      'max_length',
      'min_length',
      'name',
      'read_only',
      'reset_required',
      'unique',
      'updated_at',
      'upper_bound',
      'value',
    ])
    expect(json).toMatchObject({ name: 'BootMode', value: 'Uefi', allowable_values: [], updated_at: null })
    const cols = ['-c', 'name', '-c', 'value', '-c', 'unique']
    expect((await cli('node', 'bios', 'setting', 'show', uuid, 'BootMode', ...cols, '-f', 'yaml')).stdout).toBe(
      'name: BootMode\nunique: null\nvalue: Uefi\n',
    )
    expect((await cli('node', 'bios', 'setting', 'show', uuid, 'BootMode', ...cols, '-f', 'value')).stdout).toBe(
      'BootMode\nNone\nUefi\n',
    )
    const missing = await cli('node', 'bios', 'setting', 'show', uuid, 'Nope')
    expect(missing.stderr).toBe(`Node ${uuid} doesn't have a BIOS setting 'Nope' (HTTP 404)\n`)
  })
})

describe('anvil node inventory save', () => {
  it('reports a node without inspection data', async () => {
    const row = await t.anvil.database.db.selectFrom('nodes').select('id').where('uuid', '=', uuid).executeTakeFirstOrThrow()
    const res = await cli('node', 'inventory', 'save', uuid)
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(`Node inventory record for node ${row.id} could not be found. (HTTP 404)\n`)
  })

  it('prints the stored data as one JSON line, or saves it to a file', async () => {
    const db = t.anvil.database.db
    const row = await db.selectFrom('nodes').select('id').where('uuid', '=', uuid).executeTakeFirstOrThrow()
    const inventory = { cpu: { count: 2, architecture: 'x86_64' }, interfaces: [{ name: 'eth0', mac_address: '52:54:00:00:20:01' }] }
    await saveInventory(db, row.id, inventory, { root_disk: { name: '/dev/vda' } }, new Date().toISOString())
    const expected =
      '{"inventory": {"cpu": {"count": 2, "architecture": "x86_64"}, "interfaces": [{"name": "eth0", ' +
      '"mac_address": "52:54:00:00:20:01"}]}, "plugin_data": {"root_disk": {"name": "/dev/vda"}}}'
    const res = await cli('node', 'inventory', 'save', 'cli-extra-0')
    expect(res).toMatchObject({ code: 0, stderr: '', stdout: expected })
    const file = join(mkdtempSync(join(tmpdir(), 'anvil-inventory-')), 'inv.json')
    expect((await cli('node', 'inventory', 'save', uuid, '--file', file)).stdout).toBe('')
    expect(readFileSync(file, 'utf8')).toBe(expected)
  })
})
