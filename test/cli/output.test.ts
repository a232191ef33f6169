/**
 * @module The client's output formats (table, json, yaml, value, csv, shell) against a live Anvil.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
let uuid: string

const cli = (...args: string[]) => runCli(args, env)

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  const res = await cli('node', 'create', '--driver', 'fake-hardware', '--name', 'cli-node-0', '--property', 'cpus=2',
    '--extra', 'rack=r1', '-f', 'json')
  expect(res.stderr).toBe('')
  uuid = (JSON.parse(res.stdout) as { uuid: string }).uuid
})

afterAll(async () => {
  await t?.close()
})

const HEADINGS = '| UUID                                 | Name       | Instance UUID | Power State | Provisioning State | Maintenance |'

describe('anvil node list', () => {
  it('prints a bordered table with baremetal headings', async () => {
    const { stdout, code } = await cli('node', 'list')
    expect(code).toBe(0)
    const lines = stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^\+-{38}\+-{12}\+-{15}\+-{13}\+-{20}\+-{13}\+$/)
    expect(lines[1]).toBe(HEADINGS)
    expect(lines[3]).toBe(`| ${uuid} | cli-node-0 | None          | None        | enroll             | False       |`)
    expect(lines).toHaveLength(5)
  })

  it('prints json with labels as keys', async () => {
    const { stdout } = await cli('node', 'list', '-f', 'json')
    expect(JSON.parse(stdout)).toEqual([
      { UUID: uuid, Name: 'cli-node-0', 'Instance UUID': null, 'Power State': null, 'Provisioning State': 'enroll', Maintenance: false },
    ])
    expect(stdout).toContain('\n    "Instance UUID": null,\n')
  })

  it('prints yaml with sorted keys', async () => {
    const { stdout } = await cli('node', 'list', '-f', 'yaml')
    expect(stdout).toBe(
      `- Instance UUID: null\n  Maintenance: false\n  Name: cli-node-0\n  Power State: null\n  Provisioning State: enroll\n  UUID: ${uuid}\n`,
    )
  })

  it('prints value and csv like cliff', async () => {
    expect((await cli('node', 'list', '-f', 'value')).stdout).toBe(`${uuid} cli-node-0 None None enroll False\n`)
    expect((await cli('node', 'list', '-f', 'csv')).stdout).toBe(
      '"UUID","Name","Instance UUID","Power State","Provisioning State","Maintenance"\n' +
        `"${uuid}","cli-node-0","","","enroll",False\n`,
    )
  })

  it('keeps the command order of -c columns and supports --long and --fields', async () => {
    const { stdout } = await cli('node', 'list', '--long', '-c', 'UUID', '-c', 'Properties', '-c', 'Extra', '-f', 'csv')
    expect(stdout).toBe(`"Extra","Properties","UUID"\n"{'rack': 'r1'}","{'cpus': 2}","${uuid}"\n`)
    const fields = await cli('node', 'list', '--fields', 'uuid', 'properties', '-f', 'json')
    expect(JSON.parse(fields.stdout)).toEqual([{ UUID: uuid, Properties: { cpus: 2 } }])
  })
})

describe('anvil node show', () => {
  it('prints sorted Field/Value rows with Python-style values', async () => {
    const { stdout } = await cli('node', 'show', 'cli-node-0', '-c', 'name', '-c', 'properties', '-c', 'maintenance', '-c', 'owner')
    expect(stdout).toBe(
      [
        '+-------------+-------------+',
        '| Field       | Value       |',
        '+-------------+-------------+',
        '| maintenance | False       |',
        '| name        | cli-node-0  |',
        '| owner       | None        |',
        "| properties  | {'cpus': 2} |",
        '+-------------+-------------+',
        '',
      ].join('\n'),
    )
  })

  it('prints json, yaml, value and shell', async () => {
    const cols = ['-c', 'name', '-c', 'properties', '-c', 'owner']
    const json = await cli('node', 'show', uuid, ...cols, '-f', 'json')
    expect(JSON.parse(json.stdout)).toEqual({ name: 'cli-node-0', owner: null, properties: { cpus: 2 } })
    expect((await cli('node', 'show', uuid, ...cols, '-f', 'yaml')).stdout).toBe('name: cli-node-0\nowner: null\nproperties:\n  cpus: 2\n')
    expect((await cli('node', 'show', uuid, ...cols, '-f', 'value')).stdout).toBe("cli-node-0\nNone\n{'cpus': 2}\n")
    expect((await cli('node', 'show', uuid, ...cols, '-f', 'shell')).stdout).toBe(
      'name="cli-node-0"\nowner="None"\nproperties="{\'cpus\': 2}"\n',
    )
  })

  it('has every node field, sorted, without links', async () => {
    const { stdout } = await cli('node', 'show', uuid, '-f', 'json')
    const keys = Object.keys(JSON.parse(stdout) as object)
    expect(keys).toEqual([...keys].sort())
    expect(keys).toContain('provision_state')
    expect(keys).not.toContain('links')
    expect(keys).not.toContain('ports')
  })
})

describe('anvil node set/unset/delete', () => {
  it('patches and removes fields', async () => {
    expect((await cli('node', 'set', 'cli-node-0', '--description', 'lab box', '--property', 'ram=4096')).code).toBe(0)
    let show = await cli('node', 'show', uuid, '-c', 'description', '-c', 'properties', '-f', 'json')
    expect(JSON.parse(show.stdout)).toEqual({ description: 'lab box', properties: { cpus: 2, ram: 4096 } })
    expect((await cli('node', 'unset', uuid, '--description', '--property', 'cpus')).code).toBe(0)
    show = await cli('node', 'show', uuid, '-c', 'description', '-c', 'properties', '-f', 'json')
    expect(JSON.parse(show.stdout)).toEqual({ description: null, properties: { ram: 4096 } })
  })

  it('deletes a node and reports it', async () => {
    const created = await cli('node', 'create', '--driver', 'fake-hardware', '--name', 'cli-gone', '-f', 'value', '-c', 'uuid')
    const res = await cli('node', 'delete', 'cli-gone')
    expect(res).toMatchObject({ code: 0, stdout: 'Deleted node cli-gone\n' })
    expect(created.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/)
  })
})

/** Runs a list command; null when the server lacks the endpoint (404). */
async function listOrSkip(args: string[]): Promise<string | null> {
  const res = await cli(...args)
  if (res.code !== 0 && res.stderr.includes('(HTTP 404)')) return null
  expect(res.stderr).toBe('')
  return res.stdout
}

describe('other resources', () => {
  it('lists drivers with baremetal headings in every format', async (ctx) => {
    const table = await listOrSkip(['driver', 'list'])
    if (table === null) return ctx.skip()
    expect(table.split('\n')[1]).toMatch(/^\| Supported driver\(s\) +\| Active host\(s\) +\|$/)
    expect(table).toMatch(/\| fake-hardware +\| test-conductor +\|/)
    const json = JSON.parse((await cli('driver', 'list', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(json).toContainEqual({ 'Supported driver(s)': 'fake-hardware', 'Active host(s)': 'test-conductor' })
    expect((await cli('driver', 'list', '-f', 'value')).stdout).toContain('fake-hardware test-conductor\n')
    expect((await cli('driver', 'list', '-f', 'csv')).stdout).toContain('"fake-hardware","test-conductor"\n')
    expect((await cli('driver', 'list', '-f', 'yaml')).stdout).toContain('- Active host(s): test-conductor\n  Supported driver(s): fake-hardware\n')
    const show = JSON.parse((await cli('driver', 'show', 'fake-hardware', '-f', 'json')).stdout) as Record<string, unknown>
    expect(show).toMatchObject({ name: 'fake-hardware', hosts: 'test-conductor', type: 'dynamic' })
    expect(show).not.toHaveProperty('properties')
  })

  it('lists conductors in every format', async (ctx) => {
    const table = await listOrSkip(['conductor', 'list'])
    if (table === null) return ctx.skip()
    expect(table.split('\n')[1]).toMatch(/^\| Hostname +\| Conductor Group \| Alive \|$/)
    expect(table).toMatch(/\| test-conductor \| +\| True  \|/)
    expect(JSON.parse((await cli('conductor', 'list', '-f', 'json')).stdout)).toEqual([
      { Hostname: 'test-conductor', 'Conductor Group': '', Alive: true },
    ])
    expect((await cli('conductor', 'list', '-f', 'csv')).stdout).toBe('"Hostname","Conductor Group","Alive"\n"test-conductor","",True\n')
    expect((await cli('conductor', 'list', '-f', 'value')).stdout).toBe('test-conductor  True\n')
    expect((await cli('conductor', 'list', '-f', 'yaml')).stdout).toBe("- Alive: true\n  Conductor Group: ''\n  Hostname: test-conductor\n")
  })

  it('creates, lists and shows chassis', async (ctx) => {
    const created = await cli('chassis', 'create', '--description', 'rack 7', '--extra', 'room=b', '-f', 'json')
    if (created.stderr.includes('(HTTP 404)')) return ctx.skip()
    const chassis = JSON.parse(created.stdout) as { uuid: string; description: string; extra: unknown }
    expect(chassis).toMatchObject({ description: 'rack 7', extra: { room: 'b' } })
    expect((await cli('chassis', 'list', '-f', 'csv')).stdout).toBe(`"UUID","Description"\n"${chassis.uuid}","rack 7"\n`)
    expect(JSON.parse((await cli('chassis', 'list', '--long', '-c', 'Extra', '-f', 'json')).stdout)).toEqual([{ Extra: { room: 'b' } }])
    expect((await cli('chassis', 'show', chassis.uuid, '-c', 'description', '-f', 'value')).stdout).toBe('rack 7\n')
    expect((await cli('chassis', 'delete', chassis.uuid)).stdout).toBe(`Deleted chassis ${chassis.uuid}\n`)
  })

  it('creates, lists, updates and deletes ports', async (ctx) => {
    const created = await cli('port', 'create', '52:54:00:ab:cd:ef', '--node', uuid, '--extra', 'k=v', '-f', 'json')
    if (created.stderr.includes('(HTTP 404)')) return ctx.skip()
    expect(created.stderr).toBe('')
    const port = JSON.parse(created.stdout) as { uuid: string; node_uuid: string; address: string }
    expect(port).toMatchObject({ node_uuid: uuid, address: '52:54:00:ab:cd:ef' })
    const table = (await cli('port', 'list')).stdout.split('\n')
    expect(table[1]).toBe('| UUID                                 | Address           |')
    expect(table[3]).toBe(`| ${port.uuid} | 52:54:00:ab:cd:ef |`)
    expect((await cli('port', 'list', '--node', uuid, '-f', 'value')).stdout).toBe(`${port.uuid} 52:54:00:ab:cd:ef\n`)
    expect((await cli('port', 'list', '-f', 'yaml')).stdout).toBe(`- Address: 52:54:00:ab:cd:ef\n  UUID: ${port.uuid}\n`)
    expect((await cli('port', 'set', port.uuid, '--extra', 'k2=2')).code).toBe(0)
    expect((await cli('port', 'unset', port.uuid, '--extra', 'k')).code).toBe(0)
    expect((await cli('port', 'show', port.uuid, '-c', 'extra', '-f', 'value')).stdout).toBe("{'k2': 2}\n")
    expect((await cli('port', 'delete', port.uuid)).stdout).toBe(`Deleted port ${port.uuid}\n`)
  })
})
