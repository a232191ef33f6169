/** @module `anvil shard list` against a live Anvil, in every format. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { createNode } from '../conductor/helpers.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  for (const shard of ['rack-1', 'rack-1', 'rack-2']) await createNode(t, { shard })
  await createNode(t)
})
afterAll(async () => {
  await t.close()
})

const cli = (...args: string[]) => runCli(['shard', 'list', ...args], env)

describe('anvil shard list', () => {
  it('prints each shard with its node count, most nodes first', async () => {
    const table = await cli()
    expect(table).toMatchObject({ code: 0, stderr: '' })
    expect(table.stdout).toBe(
      [
        '+--------+-------+',
        '| Name   | Count |',
        '+--------+-------+',
        '| rack-1 |     2 |',
        '| None   |     1 |',
        '| rack-2 |     1 |',
        '+--------+-------+',
        '',
      ].join('\n'),
    )
    expect(JSON.parse((await cli('-f', 'json')).stdout)).toEqual([
      { Name: 'rack-1', Count: 2 },
      { Name: 'None', Count: 1 },
      { Name: 'rack-2', Count: 1 },
    ])
    expect((await cli('-f', 'value')).stdout).toBe('rack-1 2\nNone 1\nrack-2 1\n')
    expect((await cli('-f', 'csv')).stdout).toBe('"Name","Count"\n"rack-1",2\n"None",1\n"rack-2",1\n')
    expect((await cli('-f', 'yaml')).stdout).toBe(
      '- Count: 2\n  Name: rack-1\n- Count: 1\n  Name: None\n- Count: 1\n  Name: rack-2\n',
    )
  })

  it('says which API version it needs', async () => {
    const old = await runCli(['shard', 'list', '--os-baremetal-api-version', '1.81'], env)
    expect(old).toMatchObject({
      code: 1,
      stderr: 'shard list needs Bare Metal API version 1.82 or newer; using 1.81\n',
    })
  })
})
