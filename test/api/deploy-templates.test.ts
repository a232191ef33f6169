import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'

const STEP = { interface: 'bios', step: 'x', args: {}, priority: 1 }

describe.each(dialects())('deploy templates API on %s', (dialect) => {
  let t: TestAnvil
  const post = (body: unknown, version = '1.82') =>
    t.request({ method: 'POST', url: '/v1/deploy_templates', body, version })
  const patch = (ident: string, body: unknown) =>
    t.request({ method: 'PATCH', url: `/v1/deploy_templates/${ident}`, body, version: '1.82' })
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  it('creates a template: 201, Location, Ironic field order, masked step secrets', async () => {
    const r = await post({
      name: 'CUSTOM_A',
      extra: { k: 'v' },
      steps: [
        {
          interface: 'bios',
          step: 'apply_configuration',
          args: { settings: [], password: 's' },
          priority: 150,
        },
      ],
    })
    expect(r.status).toBe(201)
    expect(r.headers.location).toBe(`http://localhost:80/v1/deploy_templates/${r.body.uuid}`)
    expect(Object.keys(r.body)).toEqual([
      'uuid',
      'created_at',
      'updated_at',
      'name',
      'extra',
      'links',
      'steps',
    ])
    expect(r.body).toMatchObject({
      name: 'CUSTOM_A',
      updated_at: null,
      extra: { k: 'v' },
      steps: [
        {
          interface: 'bios',
          step: 'apply_configuration',
          args: { settings: [], password: '******' },
          priority: 150,
        },
      ],
    })
  })

  it('lists uuid and name by default, everything with detail, pages with next', async () => {
    await post({ name: 'HW_CPU_X86_AVX', steps: [{ ...STEP, priority: '10' }] })
    const list = await t.request({ url: '/v1/deploy_templates', version: '1.82' })
    expect(list.status).toBe(200)
    expect(Object.keys(list.body.deploy_templates[0])).toEqual(['uuid', 'name', 'links'])
    const detail = await t.request({ url: '/v1/deploy_templates?detail=true', version: '1.82' })
    expect(detail.body.deploy_templates[1].steps).toEqual([{ ...STEP, priority: 10 }])
    const page = await t.request({ url: '/v1/deploy_templates?limit=1', version: '1.82' })
    const first = page.body.deploy_templates[0].uuid
    expect(page.body.next).toBe(
      `http://localhost:80/v1/deploy_templates?sort_key=id&sort_dir=asc&fields=uuid,name&limit=1&marker=${first}`,
    )
  })

  it('shows by name or uuid, and deletes', async () => {
    const r = await post({ name: 'CUSTOM_DEL', steps: [STEP] })
    const byName = await t.request({ url: '/v1/deploy_templates/CUSTOM_DEL', version: '1.82' })
    expect(byName.body.uuid).toBe(r.body.uuid)
    const fields = await t.request({
      url: `/v1/deploy_templates/${r.body.uuid}?fields=name`,
      version: '1.82',
    })
    expect(fields.body).toEqual({ name: 'CUSTOM_DEL', links: r.body.links })
    const del = await t.request({
      method: 'DELETE',
      url: '/v1/deploy_templates/CUSTOM_DEL',
      version: '1.82',
    })
    expect(del.status).toBe(204)
    const gone = await t.request({ url: '/v1/deploy_templates/CUSTOM_DEL', version: '1.82' })
    expect(gone.status).toBe(404)
    expect(faultOf(gone.body)).toBe('Deploy template CUSTOM_DEL could not be found.')
  })

  it('patches name, extra and steps', async () => {
    await post({ name: 'CUSTOM_P', steps: [STEP] })
    const r = await patch('CUSTOM_P', [
      { op: 'replace', path: '/name', value: 'CUSTOM_Q' },
      { op: 'add', path: '/extra/a', value: 1 },
      {
        op: 'add',
        path: '/steps/-',
        value: { interface: 'raid', step: 'y', args: {}, priority: 5 },
      },
    ])
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ name: 'CUSTOM_Q', extra: { a: 1 } })
    expect(r.body.updated_at).not.toBeNull()
    expect(r.body.steps).toEqual([STEP, { interface: 'raid', step: 'y', args: {}, priority: 5 }])
  })

  it.each([
    [
      'a name that is no trait',
      { name: 'foo', steps: [STEP] },
      400,
      "Schema error for template: 'foo' is not valid under any of the given schemas. Possible root cause: 'foo' does not match '^CUSTOM_[A-Z0-9_]+$'",
    ],
    [
      'no steps',
      { name: 'CUSTOM_B', steps: [] },
      400,
      'Schema error for template: [] is too short',
    ],
    [
      'missing steps',
      { name: 'CUSTOM_B' },
      400,
      "Schema error for template: 'steps' is a required property",
    ],
    ['an empty body', undefined, 400, "Schema error for template: 'steps' is a required property"],
    ['a list body', [1], 400, "Schema error for template: [1] is not of type 'object'"],
    [
      'a negative priority',
      { name: 'CUSTOM_B', steps: [{ ...STEP, priority: -1 }] },
      400,
      'Schema error for template: -1 is less than the minimum of 0',
    ],
    [
      'a bad priority string',
      { name: 'CUSTOM_B', steps: [{ ...STEP, priority: 'a' }] },
      400,
      "Schema error for template: 'a' does not match '^[0-9]+$'",
    ],
    [
      'an interface 21.4 does not know',
      { name: 'CUSTOM_B', steps: [{ ...STEP, interface: 'vendor' }] },
      400,
      "Schema error for template: 'vendor' is not one of ['power', 'management', 'deploy', 'bios', 'raid']",
    ],
    [
      'a step without args',
      { name: 'CUSTOM_B', steps: [{ interface: 'bios', step: 'x', priority: 1 }] },
      400,
      "Schema error for template: 'args' is a required property",
    ],
    [
      'duplicate steps',
      { name: 'CUSTOM_B', steps: [STEP, { ...STEP, priority: 2 }] },
      400,
      'Deploy template invalid: Duplicate deploy steps. A deploy template cannot have multiple deploy steps with the same interface and step. Duplicates: interface: bios, step: x.',
    ],
    [
      'a bad uuid',
      { name: 'CUSTOM_B', uuid: 'bad', steps: [STEP] },
      400,
      'Expected UUID for uuid: bad',
    ],
    [
      'a taken name',
      { name: 'CUSTOM_A', steps: [STEP] },
      409,
      'A deploy template with name CUSTOM_A already exists.',
    ],
  ])('refuses %s', async (_name, body, status, message) => {
    const r = await post(body)
    expect(r.status).toBe(status)
    expect(faultOf(r.body)).toBe(message)
  })

  it.each([
    [
      '/uuid',
      [{ op: 'replace', path: '/uuid', value: 'x' }],
      'Cannot patch /uuid. Only the following can be updated: extra, name, steps, description',
    ],
    [
      'a step interface',
      [{ op: 'replace', path: '/steps/0/interface', value: 'foo' }],
      "Schema error for patch: 'foo' is not one of ['power', 'management', 'deploy', 'bios', 'raid']",
    ],
    [
      'the name',
      [{ op: 'replace', path: '/name', value: 'bad' }],
      "Schema error for patch: 'bad' is not valid under any of the given schemas. Possible root cause: 'bad' does not match '^CUSTOM_[A-Z0-9_]+$'",
    ],
    [
      'a missing description',
      [{ op: 'replace', path: '/description', value: 'x' }],
      "Couldn't apply patch '{'op': 'replace', 'path': '/description', 'value': 'x'}'. Reason: can't replace a non-existent object 'description'",
    ],
    [
      'the steps away',
      [{ op: 'remove', path: '/steps' }],
      "Schema error for patch: 'steps' is a required property",
    ],
  ])('refuses a patch of %s', async (_name, ops, message) => {
    const r = await patch('CUSTOM_A', ops)
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(message)
  })

  it.each([
    ['/v1/deploy_templates?marker=bad%20m', 400, 'Expected name for marker: bad m'],
    ['/v1/deploy_templates?marker=CUSTOM_A', 404, 'Deploy template CUSTOM_A could not be found.'],
    [
      '/v1/deploy_templates?sort_key=extra',
      400,
      'The sort_key value extra is an invalid field for sorting',
    ],
    [
      '/v1/deploy_templates?sort_key=foo',
      400,
      'The sort_key value "foo" is an invalid field for sorting',
    ],
    ['/v1/deploy_templates?fields=foo', 400, 'Field(s) "foo" are not valid'],
    ['/v1/deploy_templates/bad%20x', 400, 'Expected UUID or name for template_ident: bad x'],
    ['/v1/deploy_templates?foo=1', 400, 'Unexpected arguments: foo'],
  ])('refuses GET %s', async (url, status, message) => {
    const r = await t.request({ url, version: '1.82' })
    expect(r.status).toBe(status)
    expect(faultOf(r.body)).toBe(message)
  })

  it('does not exist before 1.55: 404 for GET, 405 otherwise', async () => {
    const get = await t.request({ url: '/v1/deploy_templates', version: '1.54' })
    expect(get.status).toBe(404)
    expect(get.body.error_message).toContain('The API version does not allow deploy templates')
    const create = await post({ name: 'CUSTOM_B', steps: [STEP] }, '1.54')
    expect(create.status).toBe(405)
  })
})
