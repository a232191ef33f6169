/**
 * @module Client errors: unreachable server, a 4xx answer, and a bad argument each give one line
 * on stderr, a non-zero exit and no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { closedPort, runCli, type CliResult } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
})

afterAll(async () => {
  await t?.close()
})

function expectOneLineFailure(res: CliResult): void {
  expect(res.code).not.toBe(0)
  expect(res.code).not.toBeNull()
  expect(res.stdout).toBe('')
  expect(res.stderr.endsWith('\n')).toBe(true)
  expect(res.stderr.trimEnd().split('\n')).toHaveLength(1)
  expect(res.stderr).not.toMatch(/\n\s+at /)
}

describe('client errors', () => {
  it('reports an unreachable server', async () => {
    const port = await closedPort()
    const res = await runCli(['node', 'list'], { OS_ENDPOINT: `http://127.0.0.1:${port}` })
    expectOneLineFailure(res)
    expect(res.stderr).toBe(`Unable to establish connection to http://127.0.0.1:${port}/: connect ECONNREFUSED 127.0.0.1:${port}\n`)
  })

  it("prints Ironic's faultstring for a 4xx answer", async () => {
    const res = await runCli(['node', 'show', 'no-such-node'], env)
    expectOneLineFailure(res)
    expect(res.stderr).toBe('Node no-such-node could not be found. (HTTP 404)\n')
  })

  it('prints a schema error from the server', async () => {
    const res = await runCli(['node', 'create', '--driver', 'no-such-driver'], env)
    expectOneLineFailure(res)
    expect(res.stderr).toMatch(/\(HTTP 400\)\n$/)
  })

  it.each([
    ['an unknown option', ['node', 'list', '--bogus'], "error: unknown option '--bogus'"],
    ['a missing argument', ['node', 'show'], "error: missing required argument 'node'"],
    ['a bad integer', ['node', 'list', '--limit', 'many'], "error: option '--limit <limit>' argument 'many' is invalid. --limit: expected an integer >= 0"],
    ['a bad format', ['node', 'list', '-f', 'xml'], "invalid format 'xml' (choose from csv, json, table, value, yaml)"],
    ['a bad wait timeout', ['node', 'deploy', 'n', '--wait', 'soon'], "error: option '--wait [timeout]' argument 'soon' is invalid. expected a timeout in seconds (0 waits forever)"],
    ['an unknown command', ['node', 'lsit'], "error: unknown command 'lsit' (Did you mean list?)"],
    ['a bad API version', ['node', 'list', '--os-baremetal-api-version', '2.0'], "invalid API version '2.0': expected 1.N or latest"],
    ['a bad key=value', ['node', 'set', 'n', '--property', 'novalue'], 'Attributes must be a list of PATH=VALUE not "/properties/novalue"'],
  ])('reports %s', async (_name, args, message) => {
    const res = await runCli(args, env)
    expectOneLineFailure(res)
    expect(res.stderr).toBe(`${message}\n`)
  })

  it('reports an unknown -c column', async () => {
    const res = await runCli(['node', 'list', '-c', 'Nope'], env)
    expectOneLineFailure(res)
    expect(res.stderr).toContain("No recognized column names in ['Nope'].")
  })
})
