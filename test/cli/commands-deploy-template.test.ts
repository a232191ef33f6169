/**
 * @module `anvil deploy template create|list|show|set|unset|delete` against a live Anvil, in
 * every output format, with steps given as JSON or as a YAML file. Run `npm run build` first.
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

const D1 = 'd0000000-0000-4000-8000-0000000000d1'
const D2 = 'd0000000-0000-4000-8000-0000000000d2'
const RAID = '[{"interface": "raid", "step": "create_configuration", "args": {"create_root_volume": true}, "priority": 10}]'
const RAID_REPR = "[{'interface': 'raid', 'step': 'create_configuration', 'args': {'create_root_volume': True}, 'priority': 10}]"
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/

const template = async (id: string) => (await t.request({ url: `/v1/deploy_templates/${id}` })).body as Record<string, unknown>

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

describe('anvil deploy template', () => {
  it('creates a template from JSON steps and prints it', async () => {
    const res = await cli('deploy', 'template', 'create', 'CUSTOM_RAID1', '--steps', RAID, '--uuid', D1, '--extra', 'team=storage')
    expect([res.code, res.stderr]).toEqual([0, ''])
    const lines = res.stdout.split('\n')
    expect(lines[3]).toMatch(/^\| created_at \| \d{4}-\S+\+00:00 +\|$/)
    expect(lines.filter((_, i) => i !== 3)).toEqual([
      `+------------+${'-'.repeat(RAID_REPR.length + 2)}+`,
      `| Field      | Value${' '.repeat(RAID_REPR.length - 5)} |`,
      `+------------+${'-'.repeat(RAID_REPR.length + 2)}+`,
      `| extra      | {'team': 'storage'}${' '.repeat(RAID_REPR.length - 19)} |`,
      `| name       | CUSTOM_RAID1${' '.repeat(RAID_REPR.length - 12)} |`,
      `| steps      | ${RAID_REPR} |`,
      `| updated_at | None${' '.repeat(RAID_REPR.length - 4)} |`,
      `| uuid       | ${D1}${' '.repeat(RAID_REPR.length - 36)} |`,
      `+------------+${'-'.repeat(RAID_REPR.length + 2)}+`,
      '',
    ])
  })

  it('creates a template from a YAML file, as json', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'anvil-template-')), 'steps.yaml')
    writeFileSync(file, '- interface: bios\n  step: apply_configuration\n  args: {settings: [{name: A, value: B}]}\n  priority: 5\n')
    const res = await cli('deploy', 'template', 'create', 'CUSTOM_BIOS', '--steps', file, '--uuid', D2, '-f', 'json')
    expect(res.stderr).toBe('')
    const body = JSON.parse(res.stdout) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['created_at', 'extra', 'name', 'steps', 'updated_at', 'uuid'])
    expect(body).toMatchObject({
      extra: {}, name: 'CUSTOM_BIOS', updated_at: null, uuid: D2,
      steps: [{ interface: 'bios', step: 'apply_configuration', args: { settings: [{ name: 'A', value: 'B' }] }, priority: 5 }],
    })
    expect(body.created_at).toMatch(TIME)
  })

  it('reports bad names and steps', async () => {
    const bad = await cli('deploy', 'template', 'create', 'lowercase', '--steps', RAID)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^[^\n]*lowercase[^\n]* \(HTTP 400\)\n$/)
    expect(await cli('deploy', 'template', 'create', 'CUSTOM_X')).toEqual({
      code: 1, stdout: '', stderr: "error: required option '--steps <steps>' not specified\n",
    })
    const dup = await cli('deploy', 'template', 'create', 'CUSTOM_RAID1', '--steps', RAID)
    expect(dup).toEqual({ code: 1, stdout: '', stderr: 'A deploy template with name CUSTOM_RAID1 already exists. (HTTP 409)\n' })
  })

  it('lists templates in every format', async () => {
    expect((await cli('deploy', 'template', 'list')).stdout).toBe(
      [
        '+--------------------------------------+--------------+',
        '| UUID                                 | Name         |',
        '+--------------------------------------+--------------+',
        `| ${D1} | CUSTOM_RAID1 |`,
        `| ${D2} | CUSTOM_BIOS  |`,
        '+--------------------------------------+--------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('deploy', 'template', 'list', '-f', 'json')).stdout)).toEqual([
      { UUID: D1, Name: 'CUSTOM_RAID1' },
      { UUID: D2, Name: 'CUSTOM_BIOS' },
    ])
    expect((await cli('deploy', 'template', 'list', '-f', 'yaml')).stdout).toBe(
      `- Name: CUSTOM_RAID1\n  UUID: ${D1}\n- Name: CUSTOM_BIOS\n  UUID: ${D2}\n`,
    )
    expect((await cli('deploy', 'template', 'list', '-f', 'value')).stdout).toBe(`${D1} CUSTOM_RAID1\n${D2} CUSTOM_BIOS\n`)
    expect((await cli('deploy', 'template', 'list', '-f', 'csv')).stdout).toBe(
      `"UUID","Name"\n"${D1}","CUSTOM_RAID1"\n"${D2}","CUSTOM_BIOS"\n`,
    )
  })

  it('lists with --long, --fields, --sort and --limit', async () => {
    const long = JSON.parse((await cli('deploy', 'template', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(Object.keys(long[0]!)).toEqual(['UUID', 'Name', 'Steps', 'Extra', 'Created At', 'Updated At'])
    expect(long[0]).toMatchObject({ Extra: { team: 'storage' }, Steps: JSON.parse(RAID) as unknown })
    const csv = await cli('deploy', 'template', 'list', '--long', '-c', 'Name', '-c', 'Extra', '-f', 'csv')
    expect(csv.stdout).toBe(`"Name","Extra"\n"CUSTOM_RAID1","{'team': 'storage'}"\n"CUSTOM_BIOS","{}"\n`)
    const fields = await cli('deploy', 'template', 'list', '--fields', 'name', '-f', 'value', '--sort', 'name')
    expect(fields.stdout).toBe('CUSTOM_BIOS\nCUSTOM_RAID1\n')
    expect((await cli('deploy', 'template', 'list', '--limit', '1', '-f', 'value', '-c', 'Name')).stdout).toBe('CUSTOM_RAID1\n')
  })

  it('shows a template in every format', async () => {
    const cols = ['-c', 'extra', '-c', 'name']
    expect((await cli('deploy', 'template', 'show', 'CUSTOM_RAID1', ...cols)).stdout).toBe(
      [
        '+-------+---------------------+',
        '| Field | Value               |',
        '+-------+---------------------+',
        "| extra | {'team': 'storage'} |",
        '| name  | CUSTOM_RAID1        |',
        '+-------+---------------------+',
        '',
      ].join('\n'),
    )
    expect((await cli('deploy', 'template', 'show', D1, ...cols, '-f', 'json')).stdout).toBe(
      '{\n  "extra": {\n    "team": "storage"\n  },\n  "name": "CUSTOM_RAID1"\n}\n',
    )
    expect((await cli('deploy', 'template', 'show', D1, '-c', 'steps', '-f', 'yaml')).stdout).toBe(
      'steps:\n- args:\n    create_root_volume: true\n  interface: raid\n  priority: 10\n  step: create_configuration\n',
    )
    expect((await cli('deploy', 'template', 'show', D1, ...cols, '-f', 'value')).stdout).toBe("{'team': 'storage'}\nCUSTOM_RAID1\n")
    expect((await cli('deploy', 'template', 'show', D1, ...cols, '-f', 'shell')).stdout).toBe(
      'extra="{\'team\': \'storage\'}"\nname="CUSTOM_RAID1"\n',
    )
    expect(JSON.parse((await cli('deploy', 'template', 'show', D2, '--fields', 'uuid', 'name', '-f', 'json')).stdout)).toEqual({
      name: 'CUSTOM_BIOS', uuid: D2,
    })
  })

  it('sets and unsets fields', async () => {
    const steps = '[{"interface": "raid", "step": "delete_configuration", "args": {}, "priority": 20}]'
    expect(await cli('deploy', 'template', 'set', 'CUSTOM_RAID1', '--name', 'CUSTOM_RAID0', '--steps', steps, '--extra', 'k=1')).toEqual({
      code: 0, stdout: '', stderr: '',
    })
    expect(await template(D1)).toMatchObject({
      name: 'CUSTOM_RAID0', extra: { team: 'storage', k: 1 },
      steps: [{ interface: 'raid', step: 'delete_configuration', args: {}, priority: 20 }],
    })
    expect(await cli('deploy', 'template', 'unset', 'CUSTOM_RAID0', '--extra', 'team')).toEqual({ code: 0, stdout: '', stderr: '' })
    expect((await template(D1)).extra).toEqual({ k: 1 })
    expect(await cli('deploy', 'template', 'unset', D1)).toEqual({ code: 2, stdout: '', stderr: 'Please specify what to unset.\n' })
    expect(await cli('deploy', 'template', 'set', D1)).toEqual({ code: 2, stdout: '', stderr: 'Please specify what to set.\n' })
  })

  it('deletes templates and reports each', async () => {
    expect(await cli('deploy', 'template', 'delete', 'CUSTOM_RAID0', D2)).toEqual({
      code: 0, stdout: `Deleted deploy template CUSTOM_RAID0\nDeleted deploy template ${D2}\n`, stderr: '',
    })
    expect(await cli('deploy', 'template', 'delete', D2)).toEqual({
      code: 1, stdout: '', stderr: `Deploy template ${D2} could not be found. (HTTP 404)\n`,
    })
    expect((await cli('deploy', 'template', 'list')).stdout).toBe('\n')
  })
})
