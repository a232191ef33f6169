import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { act, nodeIn } from '../conductor/helpers.js'

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/
const FIELD_CHOICES =
  "['allowable_values', 'attribute_type', 'created_at', 'lower_bound', 'links', 'max_length', " +
  "'min_length', 'name', 'node_uuid', 'read_only', 'reset_required', 'unique', 'updated_at', 'value']"

describe.each(dialects())('node BIOS API on %s', (dialect) => {
  let t: TestAnvil
  let node: string
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
    node = await nodeIn(t, 'manageable', { name: 'bios-1' })
  })
  afterAll(async () => {
    await t.close()
  })

  const url = (ident: string, path = '') => `/v1/nodes/${ident}/bios${path}`
  const get = (path: string, version = 'latest') => t.request({ url: url(node, path), version })
  const links = (ident: string, name: string) => [
    { href: `http://localhost:80/v1/nodes/${ident}/bios/${name}`, rel: 'self' },
    { href: `http://localhost:80/nodes/${ident}/bios/${name}`, rel: 'bookmark' },
  ]
  const clean = (step: string, args: Record<string, unknown> = {}) =>
    act(t, node, { target: 'clean', clean_steps: [{ interface: 'bios', step, args }] })

  it('exists from 1.40 and starts empty', async () => {
    expect((await get('', '1.39')).status).toBe(404)
    expect((await get('/X', '1.39')).status).toBe(404)
    const r = await get('', '1.40')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ bios: [] })
    const bad = await t.request({ url: url('a%20b') })
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node: a b')
    const missing = await t.request({ url: url('no-such-node') })
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe('Node no-such-node could not be found.')
  })

  it('lists what a manual clean step bios.apply_configuration stored on fake-hardware', async () => {
    const n = await clean('apply_configuration', {
      settings: [
        { name: 'ProcVirtualization', value: 'Enabled' },
        { name: 'BootMode', value: 'Uefi' },
      ],
    })
    expect(n.provision_state).toBe('manageable')
    expect(n.last_error).toBeNull()
    const r = await t.request({ url: url('bios-1'), version: '1.40' })
    expect(r.status).toBe(200)
    expect(r.body.bios).toEqual([
      {
        created_at: expect.stringMatching(TS),
        updated_at: null,
        name: 'BootMode',
        value: 'Uefi',
        links: links('bios-1', 'BootMode'),
      },
      {
        created_at: expect.stringMatching(TS),
        updated_at: null,
        name: 'ProcVirtualization',
        value: 'Enabled',
        links: links('bios-1', 'ProcVirtualization'),
      },
    ])
    expect(Object.keys(r.body.bios[0])).toEqual(['created_at', 'updated_at', 'name', 'value', 'links'])
  })

  it('shows registry fields with detail=True from 1.74, and only asked fields', async () => {
    const detail = await get('?detail=True', '1.74')
    expect(detail.status).toBe(200)
    expect(Object.keys(detail.body.bios[0])).toEqual([
      'created_at',
      'updated_at',
      'name',
      'value',
      'attribute_type',
      'allowable_values',
      'lower_bound',
      'max_length',
      'min_length',
      'read_only',
      'reset_required',
      'unique',
      'upper_bound',
      'links',
    ])
    expect(detail.body.bios[0]).toMatchObject({
      name: 'BootMode',
      attribute_type: null,
      allowable_values: [],
      lower_bound: null,
      read_only: null,
    })
    const fields = await get('?fields=Value,name,links,node_uuid')
    expect(fields.body.bios[1]).toEqual({
      created_at: expect.stringMatching(TS),
      updated_at: null,
      value: 'Enabled',
      name: 'ProcVirtualization',
      links: links(node, 'ProcVirtualization'),
    })
    const plain = await get('?detail=false')
    expect(Object.keys(plain.body.bios[0])).toEqual(['created_at', 'updated_at', 'name', 'value', 'links'])
  })

  it('refuses bad list arguments with Ironic messages', async () => {
    const cases: Array<[string, string, string]> = [
      ['?x=1', 'latest', 'Unexpected arguments: x'],
      [
        '?detail=maybe',
        'latest',
        "Invalid detail: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
      ],
      ['?detail=True', '1.73', "Schema error: Additional properties are not allowed ('detail' was unexpected)"],
      [
        '?fields=name&detail=false',
        '1.73',
        "Schema error: Additional properties are not allowed ('detail', 'fields' were unexpected)",
      ],
      ['?fields=name,bogus', '1.74', `Schema error: 'bogus' is not one of ${FIELD_CHOICES}`],
      ['?fields=name&detail=true', '1.74', 'Can not specify ?detail=True and fields in the same request.'],
    ]
    for (const [query, version, message] of cases) {
      const r = await get(query, version)
      expect(r.status, query).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('shows one setting, with the registry fields from 1.74', async () => {
    const r = await get('/ProcVirtualization', '1.40')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      ProcVirtualization: {
        created_at: expect.stringMatching(TS),
        updated_at: null,
        name: 'ProcVirtualization',
        value: 'Enabled',
        links: links(node, 'ProcVirtualization'),
      },
    })
    const byName = await t.request({ url: url('bios-1', '/ProcVirtualization') })
    expect(byName.body.ProcVirtualization.links).toEqual(links(node, 'ProcVirtualization'))
    expect(Object.keys(byName.body.ProcVirtualization)).toHaveLength(14)
  })

  it('refuses unknown settings, bad names and any query argument', async () => {
    const missing = await get('/Nope')
    expect(missing.status).toBe(404)
    expect(faultOf(missing.body)).toBe(`Node ${node} doesn't have a BIOS setting 'Nope'`)
    const cases: Array<[string, string]> = [
      ['/a%20b', "Schema error: 'a b' does not match '(?i)^[A-Z0-9-._~]+$'"],
      [`/${'x'.repeat(256)}`, `Schema error: '${'x'.repeat(256)}' is too long`],
      ['/BootMode?detail=true', "Schema error: Additional properties are not allowed ('detail' was unexpected)"],
    ]
    for (const [path, message] of cases) {
      const r = await get(path)
      expect(r.status, path).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
  })

  it('shows stored registry values with their types', async () => {
    const db = t.anvil.database.db
    const row = await db.selectFrom('nodes').select('id').where('uuid', '=', node).executeTakeFirstOrThrow()
    await db
      .updateTable('bios_settings')
      .set({
        attribute_type: 'Enumeration',
        allowable_values: JSON.stringify(['Enabled', 'Disabled']),
        lower_bound: 0,
        upper_bound: 4294967296,
        min_length: 1,
        max_length: 16,
        read_only: 0,
        reset_required: 1,
        unique: 0,
        updated_at: '2026-01-02T03:04:05.000000+00:00',
      })
      .where('node_id', '=', row.id)
      .where('name', '=', 'ProcVirtualization')
      .execute()
    const r = await get('/ProcVirtualization')
    expect(r.body.ProcVirtualization).toMatchObject({
      attribute_type: 'Enumeration',
      allowable_values: ['Enabled', 'Disabled'],
      lower_bound: 0,
      upper_bound: 4294967296,
      min_length: 1,
      max_length: 16,
      read_only: false,
      reset_required: true,
      unique: false,
      updated_at: '2026-01-02T03:04:05.000000+00:00',
    })
  })

  it('empties the settings with the bios.factory_reset clean step', async () => {
    await clean('factory_reset')
    expect((await get('')).body).toEqual({ bios: [] })
  })
})
