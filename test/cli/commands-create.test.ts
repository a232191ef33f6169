/**
 * @module `anvil create FILE...` against a live Anvil beyond test/cli/commands.test.ts: chassis
 * with nested nodes, port groups, ports and traits from JSON and YAML files, the resources the
 * server ends up with, and the one-line reports of bad files and failed creations.
 * Run `npm run build` first: this runs dist/.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { runCli } from './cli-harness.js'

let t: TestAnvil
let env: Record<string, string>
let dir: string

const CH = 'cf000000-0000-4000-8000-0000000000c1'
const N1 = 'cf000000-0000-4000-8000-000000000001'
const N2 = 'cf000000-0000-4000-8000-000000000002'
const N3 = 'cf000000-0000-4000-8000-000000000003'
const PG = 'cf000000-0000-4000-8000-0000000000b1'
const P1 = 'cf000000-0000-4000-8000-0000000000a1'
const P2 = 'cf000000-0000-4000-8000-0000000000a2'
const P3 = 'cf000000-0000-4000-8000-0000000000a3'

const get = async (path: string) => (await t.request({ url: path })).body as Record<string, any>

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

beforeAll(async () => {
  t = await startTestAnvil('sqlite')
  env = { OS_ENDPOINT: await t.anvil.listen() }
  dir = mkdtempSync(join(tmpdir(), 'anvil-create-'))
})

afterAll(async () => {
  await t?.close()
})

describe('anvil create', () => {
  it('creates nested resources from a JSON and a YAML file, in order', async () => {
    const json = file('rack.json', JSON.stringify({
      chassis: [{
        uuid: CH, description: 'rack 1',
        nodes: [{
          uuid: N1, name: 'file-1', driver: 'fake-hardware', traits: ['CUSTOM_A', 'CUSTOM_B'],
          portgroups: [{ uuid: PG, name: 'bond0', address: '52:54:00:00:cf:b1', ports: [{ uuid: P1, address: '52:54:00:00:cf:01' }] }],
          ports: [{ uuid: P2, address: '52:54:00:00:cf:02', pxe_enabled: false }],
        }],
      }],
    }))
    const yaml = file('more.yaml', `nodes:\n  - uuid: ${N2}\n    name: file-2\n    driver: fake-hardware\n    properties: {cpus: 8}\n`)
    const res = await runCli(['create', json, yaml], env)
    expect(res).toEqual({
      code: 0,
      stderr: '',
      stdout: `Created chassis ${CH}\nCreated node ${N1}\nCreated port group ${PG}\nCreated port ${P1}\nCreated port ${P2}\nCreated node ${N2}\n`,
    })
    expect(await get(`/v1/nodes/${N1}`)).toMatchObject({ chassis_uuid: CH, traits: ['CUSTOM_A', 'CUSTOM_B'] })
    expect(await get(`/v1/portgroups/${PG}`)).toMatchObject({ node_uuid: N1, name: 'bond0' })
    expect(await get(`/v1/ports/${P1}`)).toMatchObject({ node_uuid: N1, portgroup_uuid: PG })
    expect(await get(`/v1/ports/${P2}`)).toMatchObject({ node_uuid: N1, portgroup_uuid: null, pxe_enabled: false })
    expect(await get(`/v1/nodes/${N2}`)).toMatchObject({ name: 'file-2', properties: { cpus: 8 }, chassis_uuid: null })
  })

  it('creates what it can and reports every failure on one line', async () => {
    const bad = file('bad.yaml', [
      'nodes:',
      `  - uuid: ${N3}`,
      '    driver: fake-hardware',
      '    ports:',
      `      - uuid: ${P3}`,
      '        address: 52:54:00:00:cf:03',
      `        node_uuid: ${N1}`,
      '  - name: file-bad',
      '    driver: no-such-driver',
    ].join('\n'))
    const res = await runCli(['create', bad], env)
    expect(res.code).toBe(1)
    expect(res.stdout).toBe(`Created node ${N3}\n`)
    expect(res.stderr).toMatch(
      new RegExp(
        '^During resources creation, the following errors were encountered: ' +
          `Cannot create a port as part of node ${N3} because it has a different node_uuid specified; ` +
          'node: [^\\n]*\\(HTTP 400\\)\\n$',
      ),
    )
    expect((await t.request({ url: `/v1/ports/${P3}` })).status).toBe(404)
    expect((await t.request({ url: '/v1/nodes/file-bad' })).status).toBe(404)
  })

  it.each([
    ['a JSON syntax error', 'broken.json', '{"nodes": [', /^File "[^"]+broken\.json" is invalid due to error: [^\n]+\n$/],
    ['nodes that are not a list', 'scalar.yaml', 'nodes: 3\n', /^File "[^"]+scalar\.yaml" is invalid: "nodes" must be a list of objects\n$/],
    ['a document that is not an object', 'list.yaml', '- a\n', /^File "[^"]+list\.yaml" is invalid: expected an object with "chassis" and\/or "nodes"\n$/],
  ])('reports %s and creates nothing', async (_name, name, text, message) => {
    const res = await runCli(['create', file(name, text)], env)
    expect(res.code).toBe(1)
    expect(res.stdout).toBe('')
    expect(res.stderr).toMatch(message)
  })

  it('checks every file before creating anything', async () => {
    const good = file('good.yaml', 'nodes:\n  - name: file-never\n    driver: fake-hardware\n')
    const res = await runCli(['create', good, join(dir, 'missing.yaml')], env)
    expect(res.code).toBe(1)
    expect(res.stdout).toBe('')
    expect(res.stderr).toMatch(/^Cannot read file "[^"]+missing\.yaml" due to error: ENOENT[^\n]*\n$/)
    expect((await t.request({ url: '/v1/nodes/file-never' })).status).toBe(404)
    expect(await runCli(['create'], env)).toEqual({ code: 1, stdout: '', stderr: "error: missing required argument 'file'\n" })
  })
})
