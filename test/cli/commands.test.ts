/**
 * @module Help, bash completion and `anvil create FILE` of the client.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

describe('help and completion', () => {
  it('shows an example in command help', async () => {
    const res = await runCli(['node', 'deploy', '--help'])
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('Usage: anvil node deploy [options] <node...>')
    expect(res.stdout).toContain('--wait [timeout]')
    expect(res.stdout).toContain('Example:\n  anvil node deploy node-0 --wait 600')
  })

  it('prints a bash completion script that bash accepts', async () => {
    const res = await runCli(['completion', 'bash'])
    expect(res.code).toBe(0)
    expect(res.stdout).toContain('complete -o default -F _anvil anvil')
    expect(res.stdout).toMatch(/\["anvil node power"\]="on off reboot/)
    const dir = mkdtempSync(join(tmpdir(), 'anvil-completion-'))
    const file = join(dir, 'anvil.bash')
    writeFileSync(file, res.stdout)
    const complete = (words: string) =>
      execFileSync('bash', ['-c', `source ${file} 2>&1; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _anvil; echo "\${COMPREPLY[@]}"`])
        .toString()
        .trim()
    expect(complete('anvil node pro')).toBe('provide')
    expect(complete('anvil no')).toBe('node')
    expect(complete("anvil port group li")).toBe('list')
  })
})

describe('anvil create FILE', () => {
  it('creates nodes with ports from YAML', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'anvil-create-'))
    const file = join(dir, 'nodes.yaml')
    writeFileSync(
      file,
      'nodes:\n  - name: cli-file-0\n    driver: fake-hardware\n    properties: {cpus: 4}\n    ports:\n      - address: "52:54:00:00:10:01"\n',
    )
    const res = await runCli(['create', file], env)
    if (res.stderr.includes('port: The resource could not be found')) return ctx.skip()
    expect(res.stderr).toBe('')
    expect(res.stdout).toMatch(/^Created node [0-9a-f-]{36}\nCreated port [0-9a-f-]{36}\n$/)
    const ports = await runCli(['port', 'list', '--node', 'cli-file-0', '-f', 'value', '-c', 'Address'], env)
    expect(ports.stdout).toBe('52:54:00:00:10:01\n')
  })

  it('rejects a file with unknown keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anvil-create-'))
    const file = join(dir, 'bad.json')
    writeFileSync(file, '{"servers": []}')
    const res = await runCli(['create', file], env)
    expect(res.code).not.toBe(0)
    expect(res.stderr).toBe(`File "${file}" is invalid: unknown key(s) servers\n`)
  })
})
