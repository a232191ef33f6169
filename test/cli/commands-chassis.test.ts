/**
 * @module `anvil chassis create|list|show|set|unset|delete` against a live Anvil, in every output
 * format (test/cli/output.test.ts covers a few), and the fields the server ends up with.
 * Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode } from '../conductor/helpers.js'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const C1 = 'cc000000-0000-4000-8000-0000000000c1'
const C2 = 'cc000000-0000-4000-8000-0000000000c2'
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/

const chassis = async (id: string) => (await t.request({ url: `/v1/chassis/${id}` })).body as Record<string, unknown>

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

describe('anvil chassis', () => {
  it('creates chassis and prints them as a table, yaml, value and shell', async () => {
    const res = await cli('chassis', 'create', '--uuid', C1, '--description', 'rack 7', '--extra', 'room=b', '--extra', 'row=3')
    expect([res.code, res.stderr]).toEqual([0, ''])
    const lines = res.stdout.split('\n')
    expect(lines[3]).toMatch(/^\| created_at {2}\| \d{4}-.+\+00:00 {5}\|$/)
    expect(lines.filter((_, i) => i !== 3)).toEqual([
      '+-------------+--------------------------------------+',
      '| Field       | Value                                |',
      '+-------------+--------------------------------------+',
      '| description | rack 7                               |',
      "| extra       | {'room': 'b', 'row': 3}              |",
      '| updated_at  | None                                 |',
      `| uuid        | ${C1} |`,
      '+-------------+--------------------------------------+',
      '',
    ])
    const cols = ['-c', 'description', '-c', 'extra', '-c', 'uuid']
    const yaml = await cli('chassis', 'create', '--uuid', C2, '--description', 'rack: 8', ...cols, '-f', 'yaml')
    expect(yaml.stdout).toBe(`description: 'rack: 8'\nextra: {}\nuuid: ${C2}\n`)
    expect((await cli('chassis', 'show', C2, ...cols, '-f', 'value')).stdout).toBe(`rack: 8\n{}\n${C2}\n`)
    expect((await cli('chassis', 'show', C2, ...cols, '-f', 'shell', '--prefix', 'c_')).stdout).toBe(
      `c_description="rack: 8"\nc_extra="{}"\nc_uuid="${C2}"\n`,
    )
    const json = JSON.parse((await cli('chassis', 'show', C1, '-f', 'json')).stdout) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(['created_at', 'description', 'extra', 'updated_at', 'uuid'])
    expect(json.created_at).toMatch(TIME)
  })

  it('lists chassis in every format', async () => {
    expect((await cli('chassis', 'list')).stdout).toBe(
      [
        '+--------------------------------------+-------------+',
        '| UUID                                 | Description |',
        '+--------------------------------------+-------------+',
        `| ${C1} | rack 7      |`,
        `| ${C2} | rack: 8     |`,
        '+--------------------------------------+-------------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('chassis', 'list', '-f', 'json')).stdout)).toEqual([
      { UUID: C1, Description: 'rack 7' },
      { UUID: C2, Description: 'rack: 8' },
    ])
    expect((await cli('chassis', 'list', '-f', 'yaml')).stdout).toBe(
      `- Description: rack 7\n  UUID: ${C1}\n- Description: 'rack: 8'\n  UUID: ${C2}\n`,
    )
    expect((await cli('chassis', 'list', '-f', 'value')).stdout).toBe(`${C1} rack 7\n${C2} rack: 8\n`)
    expect((await cli('chassis', 'list', '-f', 'csv', '--quote', 'all')).stdout).toBe(
      `"UUID","Description"\n"${C1}","rack 7"\n"${C2}","rack: 8"\n`,
    )
  })

  it('lists with --long, --fields, --limit, --marker and --sort', async () => {
    const long = JSON.parse((await cli('chassis', 'list', '--long', '-f', 'json')).stdout) as Record<string, unknown>[]
    expect(Object.keys(long[0]!)).toEqual(['UUID', 'Description', 'Created At', 'Updated At', 'Extra'])
    expect(long[0]).toMatchObject({ Extra: { room: 'b', row: 3 }, 'Updated At': null })
    const fields = await cli('chassis', 'list', '--fields', 'uuid', 'extra', '-f', 'value')
    expect(fields.stdout).toBe(`${C1} {'room': 'b', 'row': 3}\n${C2} {}\n`)
    expect((await cli('chassis', 'list', '--limit', '1', '-f', 'value', '-c', 'UUID')).stdout).toBe(`${C1}\n`)
    expect((await cli('chassis', 'list', '--marker', C1, '-f', 'value', '-c', 'UUID')).stdout).toBe(`${C2}\n`)
    expect((await cli('chassis', 'list', '--sort', 'description:desc', '-f', 'value', '-c', 'UUID')).stdout).toBe(`${C2}\n${C1}\n`)
  })

  it('shows chassis as a table and with --fields', async () => {
    expect((await cli('chassis', 'show', C1, '-c', 'description', '-c', 'extra')).stdout).toBe(
      [
        '+-------------+-------------------------+',
        '| Field       | Value                   |',
        '+-------------+-------------------------+',
        '| description | rack 7                  |',
        "| extra       | {'room': 'b', 'row': 3} |",
        '+-------------+-------------------------+',
        '',
      ].join('\n'),
    )
    const fields = await cli('chassis', 'show', C1, '--fields', 'uuid', 'description', '-f', 'json')
    expect(JSON.parse(fields.stdout)).toEqual({ description: 'rack 7', uuid: C1 })
  })

  it('sets and unsets the description and extra', async () => {
    expect(await cli('chassis', 'set', C1, '--description', 'rack 9', '--extra', 'row=4', '--extra', 'pdu=a')).toEqual({
      code: 0, stdout: '', stderr: '',
    })
    expect(await chassis(C1)).toMatchObject({ description: 'rack 9', extra: { room: 'b', row: 4, pdu: 'a' } })
    expect((await chassis(C1)).updated_at).toMatch(TIME)
    expect(await cli('chassis', 'unset', C1, '--description', '--extra', 'room', '--extra', 'pdu')).toEqual({
      code: 0, stdout: '', stderr: '',
    })
    expect(await chassis(C1)).toMatchObject({ description: null, extra: { row: 4 } })
    expect(await cli('chassis', 'set', C1, C2, '--extra', 'k=v')).toEqual({ code: 0, stdout: '', stderr: '' })
    expect((await chassis(C2)).extra).toEqual({ k: 'v' })
    expect(await cli('chassis', 'unset', C1)).toEqual({ code: 2, stdout: '', stderr: 'Please specify what to unset.\n' })
    expect(await cli('chassis', 'unset', C1, '--extra', 'nope')).toEqual({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/\(HTTP 400\)\n$/) as unknown as string,
    })
  })

  it('deletes chassis, refusing one that still has nodes', async () => {
    await createNode(t, { name: 'in-rack', chassis_uuid: C2 })
    expect(await cli('chassis', 'delete', C2)).toEqual({
      code: 1, stdout: '', stderr: `Cannot complete the requested action because chassis ${C2} contains nodes. (HTTP 400)\n`,
    })
    expect(await cli('chassis', 'delete', C1, 'cc000000-0000-4000-8000-0000000000ff')).toEqual({
      code: 1,
      stdout: `Deleted chassis ${C1}\n`,
      stderr: 'Failed to delete 1 of 2 chassis(s): cc000000-0000-4000-8000-0000000000ff: Chassis cc000000-0000-4000-8000-0000000000ff could not be found. (HTTP 404)\n',
    })
    expect((await cli('chassis', 'list', '-f', 'value', '-c', 'UUID')).stdout).toBe(`${C2}\n`)
  })
})
