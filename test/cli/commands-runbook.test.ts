/**
 * @module The output formats of `anvil runbook create|list|show|trait list` that
 * test/cli/runbook.test.ts does not assert (table, yaml, value, shell, csv), against a live Anvil.
 * Run `npm run build` first: this runs dist/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
const cli = (...args: string[]) => runCli(args, env)

const R1 = 'bb000000-0000-4000-8000-0000000000b1'
const R2 = 'bb000000-0000-4000-8000-0000000000b2'
const STEPS = '[{"interface": "deploy", "step": "erase_devices", "args": {}, "order": 1}]'
const STEPS_REPR = "[{'interface': 'deploy', 'step': 'erase_devices', 'args': {}, 'order': 1}]"
const W = STEPS_REPR.length

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

describe('anvil runbook output formats', () => {
  it('prints a created runbook as a table', async () => {
    const res = await cli('runbook', 'create', '--name', 'CUSTOM_WIPE', '--uuid', R1, '--steps', STEPS, '--public',
      '-c', 'name', '-c', 'public', '-c', 'steps', '-c', 'uuid')
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `+--------+${'-'.repeat(W + 2)}+`,
        `| Field  | ${'Value'.padEnd(W)} |`,
        `+--------+${'-'.repeat(W + 2)}+`,
        `| name   | ${'CUSTOM_WIPE'.padEnd(W)} |`,
        `| public | ${'True'.padEnd(W)} |`,
        `| steps  | ${STEPS_REPR} |`,
        `| uuid   | ${R1.padEnd(W)} |`,
        `+--------+${'-'.repeat(W + 2)}+`,
        '',
      ].join('\n'),
    })
    const yaml = await cli('runbook', 'create', '--name', 'CUSTOM_KEEP', '--uuid', R2, '--steps', STEPS, '--extra', 'team=ops',
      '-c', 'extra', '-c', 'name', '-c', 'public', '-f', 'yaml')
    expect(yaml.stdout).toBe('extra:\n  team: ops\nname: CUSTOM_KEEP\npublic: false\n')
  })

  it('lists runbooks as a table, yaml, value and json', async () => {
    expect((await cli('runbook', 'list')).stdout).toBe(
      [
        '+--------------------------------------+-------------+',
        '| UUID                                 | Name        |',
        '+--------------------------------------+-------------+',
        `| ${R1} | CUSTOM_WIPE |`,
        `| ${R2} | CUSTOM_KEEP |`,
        '+--------------------------------------+-------------+',
        '',
      ].join('\n'),
    )
    expect((await cli('runbook', 'list', '-f', 'yaml')).stdout).toBe(`- Name: CUSTOM_WIPE\n  UUID: ${R1}\n- Name: CUSTOM_KEEP\n  UUID: ${R2}\n`)
    expect((await cli('runbook', 'list', '-f', 'value')).stdout).toBe(`${R1} CUSTOM_WIPE\n${R2} CUSTOM_KEEP\n`)
    expect(JSON.parse((await cli('runbook', 'list', '-f', 'json')).stdout)).toEqual([
      { UUID: R1, Name: 'CUSTOM_WIPE' },
      { UUID: R2, Name: 'CUSTOM_KEEP' },
    ])
    expect((await cli('runbook', 'list', '-f', 'csv', '--long', '-c', 'Name', '-c', 'Public')).stdout).toBe(
      '"Name","Public"\n"CUSTOM_WIPE",True\n"CUSTOM_KEEP",False\n',
    )
  })

  it('shows a runbook as a table, value and shell', async () => {
    const cols = ['-c', 'disable_ramdisk', '-c', 'name', '-c', 'owner']
    expect((await cli('runbook', 'show', 'CUSTOM_KEEP', ...cols)).stdout).toBe(
      [
        '+-----------------+-------------+',
        '| Field           | Value       |',
        '+-----------------+-------------+',
        '| disable_ramdisk | False       |',
        '| name            | CUSTOM_KEEP |',
        '| owner           | None        |',
        '+-----------------+-------------+',
        '',
      ].join('\n'),
    )
    expect((await cli('runbook', 'show', R2, ...cols, '-f', 'value')).stdout).toBe('False\nCUSTOM_KEEP\nNone\n')
    expect((await cli('runbook', 'show', R2, ...cols, '-f', 'shell')).stdout).toBe(
      'disable_ramdisk="False"\nname="CUSTOM_KEEP"\nowner="None"\n',
    )
    expect((await cli('runbook', 'show', R1, '-c', 'steps', '-f', 'yaml')).stdout).toBe(
      'steps:\n- args: {}\n  interface: deploy\n  order: 1\n  step: erase_devices\n',
    )
  })

  it('lists traits as a table, yaml and csv', async () => {
    expect((await cli('runbook', 'trait', 'add', 'CUSTOM_WIPE', 'CUSTOM_WIPE')).stdout).toBe('Added trait CUSTOM_WIPE\n')
    expect((await cli('runbook', 'trait', 'list', 'CUSTOM_WIPE')).stdout).toBe(
      ['+-------------+', '| Traits      |', '+-------------+', '| CUSTOM_WIPE |', '+-------------+', ''].join('\n'),
    )
    expect((await cli('runbook', 'trait', 'list', R1, '-f', 'yaml')).stdout).toBe('- Traits: CUSTOM_WIPE\n')
    expect((await cli('runbook', 'trait', 'list', R1, '-f', 'csv')).stdout).toBe('"Traits"\n"CUSTOM_WIPE"\n')
    expect(await cli('runbook', 'trait', 'list', R2)).toEqual({ code: 0, stdout: '\n', stderr: '' })
  })
})
