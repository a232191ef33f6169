import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { addTrait, nodeIn, provision, settle } from '../conductor/helpers.js'

const STEP = { interface: 'bios', step: 'apply_configuration', args: { settings: [] }, order: 1 }
const OLD = '1.92'
const INTERFACES = "['vendor', 'power', 'management', 'firmware', 'deploy', 'bios', 'raid']"
const NOT_A_TRAIT = (v: string) =>
  `'${v}' is not valid under any of the given schemas. Possible root cause: '${v}' does not match '^CUSTOM_[A-Z0-9_]+$'`

describe.each(dialects())('runbooks API on %s', (dialect) => {
  let t: TestAnvil
  const post = (body: unknown, version = OLD) =>
    t.request({ method: 'POST', url: '/v1/runbooks', body, version })
  const get = (url: string, version = OLD) => t.request({ url, version })
  const patch = (ident: string, body: unknown, version = OLD, headers?: Record<string, string>) =>
    t.request({
      method: 'PATCH',
      url: `/v1/runbooks/${ident}`,
      body,
      version,
      ...(headers ? { headers } : {}),
    })
  const create = async (name: string, extra: Record<string, unknown> = {}, version = OLD) => {
    const r = await post({ name, steps: [STEP], ...extra }, version)
    expect(r.status, r.text).toBe(201)
    return r.body as Record<string, any>
  }
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  describe('create and show', () => {
    it('creates at 1.92: 201, Location, ETag, Ironic field order, masked secrets', async () => {
      const r = await post({
        name: 'CUSTOM_CREATE',
        extra: { k: 'v' },
        disable_ramdisk: true,
        public: true,
        steps: [
          { interface: 'bios', step: 'apply_configuration', args: { password: 's' }, order: '2' },
          { interface: 'raid', step: 'delete_configuration', order: 0 },
        ],
      })
      expect(r.status).toBe(201)
      expect(r.headers.location).toBe(`http://localhost:80/v1/runbooks/${r.body.uuid}`)
      expect(r.headers.etag).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/)
      expect(Object.keys(r.body)).toEqual([
        'uuid',
        'created_at',
        'updated_at',
        'name',
        'extra',
        'public',
        'owner',
        'disable_ramdisk',
        'links',
        'steps',
      ])
      expect(r.body).toMatchObject({
        name: 'CUSTOM_CREATE',
        updated_at: null,
        extra: { k: 'v' },
        public: true,
        owner: null,
        disable_ramdisk: true,
        steps: [
          {
            interface: 'bios',
            step: 'apply_configuration',
            args: { password: '******' },
            order: 2,
          },
          { interface: 'raid', step: 'delete_configuration', args: {}, order: 0 },
        ],
      })
      const stored = await t.anvil.database.db
        .selectFrom('runbook_steps')
        .select('args')
        .orderBy('id')
        .executeTakeFirstOrThrow()
      expect(JSON.parse(stored.args)).toEqual({ password: 's' })
    })

    it('shows description and traits from 1.112, and takes names that are no traits', async () => {
      const r = await post({ name: 'my-runbook.1', description: 'd', steps: [STEP] }, 'latest')
      expect(r.status).toBe(201)
      expect(Object.keys(r.body).slice(7)).toEqual([
        'disable_ramdisk',
        'description',
        'links',
        'steps',
        'traits',
      ])
      expect(r.body).toMatchObject({
        name: 'my-runbook.1',
        description: 'd',
        traits: [],
        public: false,
      })
      const old = await get('/v1/runbooks/my-runbook.1')
      expect(old.body.name).toBe('my-runbook.1')
      expect(old.body).not.toHaveProperty('description')
      expect(old.body).not.toHaveProperty('traits')
    })

    it('shows by UUID or name, with fields, and an ETag', async () => {
      const rb = await create('CUSTOM_SHOW')
      const byName = await get('/v1/runbooks/CUSTOM_SHOW')
      expect(byName.status).toBe(200)
      expect(byName.body.uuid).toBe(rb.uuid)
      expect(byName.headers.etag).toBeDefined()
      const byUuid = await get(`/v1/runbooks/${rb.uuid}?fields=steps,name`)
      expect(byUuid.body).toEqual({ name: 'CUSTOM_SHOW', links: rb.links, steps: [STEP] })
      expect(rb.links).toEqual([
        { href: `http://localhost:80/v1/runbooks/${rb.uuid}`, rel: 'self' },
        { href: `http://localhost:80/runbooks/${rb.uuid}`, rel: 'bookmark' },
      ])
    })

    it.each([
      ['/v1/runbooks/CUSTOM_NONE', 404, 'Runbook CUSTOM_NONE could not be found.', OLD],
      ['/v1/runbooks/detail', 404, 'Runbook detail could not be found.', OLD],
      ['/v1/runbooks/bad%20x', 400, 'Expected UUID or name for runbook_ident: bad x', OLD],
      [
        '/v1/runbooks/CUSTOM_SHOW?fields=description',
        400,
        'Field(s) "description" are not valid',
        OLD,
      ],
      ['/v1/runbooks/CUSTOM_SHOW?fields=foo', 400, 'Field(s) "foo" are not valid', 'latest'],
      ['/v1/runbooks/CUSTOM_SHOW?fields=health', 406, 'Request not acceptable.', OLD],
      ['/v1/runbooks/CUSTOM_SHOW?foo=1', 400, 'Unexpected arguments: foo', OLD],
    ])('refuses GET %s', async (url, status, message, version) => {
      const r = await get(url, version)
      expect(r.status).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    })
  })

  describe('create validation', () => {
    it.each([
      [
        'a name that is no trait at 1.92',
        { name: 'foo', steps: [STEP] },
        OLD,
        400,
        `Schema error for runbook: ${NOT_A_TRAIT('foo')}`,
      ],
      [
        'a name with a space at 1.112',
        { name: 'My Runbook', steps: [STEP] },
        'latest',
        400,
        "Schema error for runbook: 'My Runbook' does not match '^[A-Za-z0-9\\\\-._~]+$'",
      ],
      [
        'no steps',
        { name: 'CUSTOM_B', steps: [] },
        OLD,
        400,
        'Schema error for runbook: [] is too short',
      ],
      [
        'missing steps',
        { name: 'CUSTOM_B' },
        OLD,
        400,
        "Schema error for runbook: 'steps' is a required property",
      ],
      [
        'an empty body',
        undefined,
        OLD,
        400,
        "Schema error for runbook: 'steps' is a required property",
      ],
      ['a null body', 'null', OLD, 400, "Schema error for runbook: None is not of type 'object'"],
      [
        'a step without order',
        { name: 'CUSTOM_B', steps: [{ interface: 'bios', step: 'x', args: {} }] },
        OLD,
        400,
        "Schema error for runbook: 'order' is a required property",
      ],
      [
        'an unknown interface',
        { name: 'CUSTOM_B', steps: [{ ...STEP, interface: 'foo' }] },
        OLD,
        400,
        `Schema error for runbook: 'foo' is not one of ${INTERFACES}`,
      ],
      [
        'a negative order',
        { name: 'CUSTOM_B', steps: [{ ...STEP, order: -1 }] },
        OLD,
        400,
        'Schema error for runbook: -1 is less than the minimum of 0',
      ],
      [
        'an unknown step key',
        { name: 'CUSTOM_B', steps: [{ ...STEP, priority: 1 }] },
        OLD,
        400,
        "Schema error for runbook: Additional properties are not allowed ('priority' was unexpected)",
      ],
      [
        'traits in the body',
        { name: 'CUSTOM_B', steps: [STEP], traits: ['CUSTOM_X'] },
        'latest',
        400,
        "Schema error for runbook: Additional properties are not allowed ('traits' was unexpected)",
      ],
      [
        'a description before 1.112',
        { name: 'CUSTOM_B', steps: [STEP], description: 'x' },
        OLD,
        400,
        "Schema error for runbook: Additional properties are not allowed ('description' was unexpected)",
      ],
      [
        'a too long description',
        { name: 'CUSTOM_B', steps: [STEP], description: 'x'.repeat(256) },
        'latest',
        400,
        `Schema error for runbook: '${'x'.repeat(256)}' is too long`,
      ],
      [
        'duplicate steps',
        { name: 'CUSTOM_B', steps: [STEP, { ...STEP, order: 2 }] },
        OLD,
        400,
        'Deploy template invalid: Duplicate deploy steps. A template cannot have multiple deploy steps with the same interface and step. Duplicates: interface: bios, step: apply_configuration.',
      ],
      [
        'a bad uuid',
        { name: 'CUSTOM_B', uuid: 'bad', steps: [STEP] },
        OLD,
        400,
        'Expected UUID for uuid: bad',
      ],
      [
        'an owner',
        { name: 'CUSTOM_B', owner: 'p1', steps: [STEP] },
        OLD,
        400,
        'Cannot create a runbook as a project scoped admin with an owner other than your own project.',
      ],
      [
        'a taken name',
        { name: 'CUSTOM_SHOW', steps: [STEP] },
        OLD,
        409,
        'A runbook with name CUSTOM_SHOW already exists.',
      ],
    ])('refuses %s', async (_name, body, version, status, message) => {
      const r = await post(body, version)
      expect(r.status).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    })

    it('refuses a taken UUID with 409', async () => {
      const rb = await create('CUSTOM_UUID1')
      const r = await post({ name: 'CUSTOM_UUID2', uuid: rb.uuid, steps: [STEP] })
      expect(r.status).toBe(409)
      expect(faultOf(r.body)).toBe(`A runbook with UUID ${rb.uuid} already exists.`)
    })
  })

  describe('list', () => {
    it('lists uuid and name by default, everything with detail, the fields asked for', async () => {
      const list = await get('/v1/runbooks')
      expect(list.status).toBe(200)
      expect(Object.keys(list.body.runbooks[0])).toEqual(['uuid', 'name', 'links'])
      expect(list.body).not.toHaveProperty('next')
      const detail = await get('/v1/runbooks?detail=True', 'latest')
      expect(Object.keys(detail.body.runbooks[0])).toContain('traits')
      const fields = await get('/v1/runbooks?fields=steps')
      expect(Object.keys(fields.body.runbooks[0])).toEqual(['links', 'steps'])
    })

    it('pages with limit, marker and next, sorted by a column', async () => {
      for (const n of ['CUSTOM_PAGE_C', 'CUSTOM_PAGE_A', 'CUSTOM_PAGE_B']) await create(n)
      const all = (await get('/v1/runbooks?sort_key=name&sort_dir=desc')).body.runbooks as {
        name: string
      }[]
      const names = all.map((r) => r.name)
      expect(names).toEqual([...names].sort().reverse())
      const page = await get('/v1/runbooks?sort_key=name&sort_dir=desc&limit=2')
      const last = page.body.runbooks[1].uuid as string
      expect(page.body.next).toBe(
        `http://localhost:80/v1/runbooks?sort_key=name&sort_dir=desc&fields=uuid,name&limit=2&marker=${last}`,
      )
      const rest = await get(`/v1/runbooks?sort_key=name&sort_dir=desc&limit=2&marker=${last}`)
      expect(rest.body.runbooks.map((r: { name: string }) => r.name)).toEqual(names.slice(2, 4))
    })

    it('filters with project=true: the public runbooks only (no project without auth)', async () => {
      await create('CUSTOM_PUBLIC', { public: true })
      const r = await get('/v1/runbooks?project=true&detail=true')
      expect(r.status).toBe(200)
      expect(r.body.runbooks.length).toBeGreaterThan(0)
      expect(r.body.runbooks.every((rb: { public: boolean }) => rb.public)).toBe(true)
      const all = await get('/v1/runbooks?project=false')
      expect(all.body.runbooks.length).toBeGreaterThan(r.body.runbooks.length)
    })

    it.each([
      ['/v1/runbooks?marker=bad%20m', 400, 'Expected name for marker: bad m'],
      ['/v1/runbooks?marker=CUSTOM_SHOW', 404, 'Runbook CUSTOM_SHOW could not be found.'],
      [
        '/v1/runbooks?sort_key=steps&marker=CUSTOM_X',
        400,
        'The sort_key value steps is an invalid field for sorting',
      ],
      [
        '/v1/runbooks?sort_key=traits',
        400,
        'The sort_key value traits is an invalid field for sorting',
      ],
      [
        '/v1/runbooks?sort_key=foo',
        400,
        'The sort_key value "foo" is an invalid field for sorting',
      ],
      [
        '/v1/runbooks?sort_dir=up',
        400,
        "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'",
      ],
      ['/v1/runbooks?limit=0', 400, 'Limit must be positive'],
      ['/v1/runbooks?limit=x', 400, 'Expected an integer for limit: x'],
      ['/v1/runbooks?fields=traits', 400, 'Field(s) "traits" are not valid'],
      [
        '/v1/runbooks?fields=name&detail=true',
        400,
        'Can not specify ?detail=True and fields in the same request.',
      ],
      [
        '/v1/runbooks?project=foo',
        400,
        "Invalid project: Unrecognized value 'foo', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
      ],
      ['/v1/runbooks?owner=x', 400, 'Unexpected arguments: owner'],
    ])('refuses GET %s', async (url, status, message) => {
      const r = await get(url)
      expect(r.status).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    })
  })

  describe('patch', () => {
    it('patches name, extra, steps and disable_ramdisk; the ETag changes', async () => {
      const rb = await create('CUSTOM_P')
      const before = await get('/v1/runbooks/CUSTOM_P')
      const r = await patch('CUSTOM_P', [
        { op: 'replace', path: '/name', value: 'CUSTOM_Q' },
        { op: 'add', path: '/extra/a', value: 1 },
        { op: 'replace', path: '/disable_ramdisk', value: true },
        { op: 'add', path: '/steps/-', value: { interface: 'raid', step: 'y', order: '5' } },
      ])
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({
        uuid: rb.uuid,
        name: 'CUSTOM_Q',
        extra: { a: 1 },
        disable_ramdisk: true,
      })
      expect(r.body.updated_at).not.toBeNull()
      expect(r.body.steps).toEqual([STEP, { interface: 'raid', step: 'y', args: {}, order: 5 }])
      expect(r.headers.etag).not.toBe(before.headers.etag)
    })

    it('renames to a non-trait name at 1.92 (PATCH always uses the 1.112 schema)', async () => {
      await create('CUSTOM_RENAME')
      const r = await patch('CUSTOM_RENAME', [
        { op: 'replace', path: '/name', value: 'plain-name' },
      ])
      expect(r.status).toBe(200)
      expect(r.body.name).toBe('plain-name')
    })

    it('patches description from 1.112 only', async () => {
      await create('CUSTOM_DESC')
      const old = await patch('CUSTOM_DESC', [{ op: 'add', path: '/description', value: 'x' }])
      expect(old.status).toBe(400)
      expect(faultOf(old.body)).toBe(
        'Cannot patch /description. Only the following can be updated: disable_ramdisk, extra, name, owner, public, steps',
      )
      const r = await patch(
        'CUSTOM_DESC',
        [{ op: 'add', path: '/description', value: 'x' }],
        'latest',
      )
      expect(r.status).toBe(200)
      expect(r.body.description).toBe('x')
    })

    it('keeps a public runbook ownerless, as Ironic does', async () => {
      await create('CUSTOM_OWN', { public: true })
      const refused = await patch('CUSTOM_OWN', [{ op: 'add', path: '/owner', value: 'p1' }])
      expect(refused.status).toBe(400)
      expect(faultOf(refused.body)).toBe(
        "Couldn't apply patch '[{'op': 'add', 'path': '/owner', 'value': 'p1'}]'. Reason: There cannot be an owner for a public runbook",
      )
      const both = await patch('CUSTOM_OWN', [
        { op: 'add', path: '/owner', value: 'p1' },
        { op: 'replace', path: '/public', value: true },
      ])
      expect(both.status).toBe(400)
      const owned = await patch('CUSTOM_OWN', [
        { op: 'add', path: '/owner', value: 'p1' },
        { op: 'replace', path: '/public', value: false },
      ])
      expect(owned.body).toMatchObject({ owner: 'p1', public: false })
      const pub = await patch('CUSTOM_OWN', [{ op: 'replace', path: '/public', value: true }])
      expect(pub.body).toMatchObject({ owner: null, public: true })
      const removed = await patch('CUSTOM_OWN', [{ op: 'remove', path: '/public' }])
      expect(removed.body).toMatchObject({ owner: null, public: false })
    })

    it('answers the unchanged runbook for a patch that changes nothing', async () => {
      const rb = await create('CUSTOM_SAME')
      const r = await patch('CUSTOM_SAME', [{ op: 'replace', path: '/name', value: 'CUSTOM_SAME' }])
      expect(r.status).toBe(200)
      expect(r.body.updated_at).toBeNull()
      expect(r.body.uuid).toBe(rb.uuid)
    })

    it.each([
      [
        '/uuid',
        [{ op: 'replace', path: '/uuid', value: 'x' }],
        400,
        'Cannot patch /uuid. Only the following can be updated: disable_ramdisk, extra, name, owner, public, steps',
      ],
      [
        'traits',
        [{ op: 'replace', path: '/traits', value: [] }],
        400,
        'Cannot patch /traits. Only the following can be updated: disable_ramdisk, extra, name, owner, public, steps',
      ],
      [
        'a step interface',
        [{ op: 'replace', path: '/steps/0/interface', value: 'foo' }],
        400,
        `Schema error for patch: 'foo' is not one of ${INTERFACES}`,
      ],
      [
        'the name away',
        [{ op: 'remove', path: '/name' }],
        400,
        "Schema error for patch: 'name' is a required property",
      ],
      [
        'the only step away',
        [{ op: 'remove', path: '/steps/0' }],
        400,
        'Schema error for patch: [] is too short',
      ],
      [
        'a name too long',
        [{ op: 'replace', path: '/name', value: `CUSTOM_${'X'.repeat(249)}` }],
        400,
        `Schema error for patch: 'CUSTOM_${'X'.repeat(249)}' is too long`,
      ],
      [
        'a missing step',
        [{ op: 'replace', path: '/steps/3', value: STEP }],
        400,
        "Couldn't apply patch '{'op': 'replace', 'path': '/steps/3', 'value': {'interface': 'bios', 'step': 'apply_configuration', 'args': {'settings': []}, 'order': 1}}'. Reason: index out of range",
      ],
      [
        'a taken name',
        [{ op: 'replace', path: '/name', value: 'CUSTOM_CREATE' }],
        409,
        'A runbook with name CUSTOM_CREATE already exists.',
      ],
    ])('refuses a patch of %s', async (_name, ops, status, message) => {
      const r = await patch('CUSTOM_SHOW', ops)
      expect(r.status).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    })
  })

  describe('ETag and delete', () => {
    it('honours If-Match on PATCH and DELETE, and deletes by name', async () => {
      const rb = await create('CUSTOM_DEL')
      const { id } = await t.anvil.database.db
        .selectFrom('runbooks')
        .select('id')
        .where('uuid', '=', rb.uuid)
        .executeTakeFirstOrThrow()
      const shown = await get('/v1/runbooks/CUSTOM_DEL')
      const stale = { 'if-match': '"0-0"' }
      const refused = await patch(
        'CUSTOM_DEL',
        [{ op: 'add', path: '/extra/a', value: 1 }],
        OLD,
        stale,
      )
      expect(refused.status).toBe(412)
      const ok = await patch('CUSTOM_DEL', [{ op: 'add', path: '/extra/a', value: 1 }], OLD, {
        'if-match': String(shown.headers.etag),
      })
      expect(ok.status).toBe(200)
      const del = (headers: Record<string, string>) =>
        t.request({ method: 'DELETE', url: '/v1/runbooks/CUSTOM_DEL', version: OLD, headers })
      expect((await del({ 'if-match': String(shown.headers.etag) })).status).toBe(412)
      const done = await del({ 'if-match': String(ok.headers.etag) })
      expect(done.status).toBe(204)
      expect(done.text).toBe('')
      const gone = await get(`/v1/runbooks/${rb.uuid}`)
      expect(gone.status).toBe(404)
      const steps = await t.anvil.database.db
        .selectFrom('runbook_steps')
        .select('id')
        .where('runbook_id', '=', id)
        .execute()
      expect(steps).toEqual([])
    })

    it('answers 404 when deleting an unknown runbook', async () => {
      const r = await t.request({ method: 'DELETE', url: '/v1/runbooks/CUSTOM_NOPE', version: OLD })
      expect(r.status).toBe(404)
      expect(faultOf(r.body)).toBe('Runbook CUSTOM_NOPE could not be found.')
    })
  })

  describe('microversions', () => {
    it.each([
      ['GET', '/v1/runbooks', 404],
      ['GET', '/v1/runbooks/CUSTOM_SHOW', 404],
      ['POST', '/v1/runbooks', 405],
      ['PATCH', '/v1/runbooks/CUSTOM_SHOW', 405],
      ['DELETE', '/v1/runbooks/CUSTOM_SHOW', 405],
      ['GET', '/v1/runbooks/CUSTOM_SHOW/traits', 404],
    ])('does not exist before 1.92: %s %s is %s', async (method, url, status) => {
      const r = await t.request({
        method,
        url,
        version: '1.91',
        body: method === 'GET' ? undefined : {},
      })
      expect(r.status).toBe(status)
      expect(r.text).toContain('The API version does not allow runbooks')
    })

    it.each(['GET', 'PUT', 'DELETE'])('has no traits before 1.112: %s is 404', async (method) => {
      const r = await t.request({
        method,
        url: '/v1/runbooks/CUSTOM_SHOW/traits',
        version: '1.111',
      })
      expect(r.status).toBe(404)
      expect(r.text).toContain('The API version does not allow runbook traits')
    })

    it('lists runbooks in /v1/ from 1.92', async () => {
      expect((await get('/v1/', '1.91')).body).not.toHaveProperty('runbooks')
      expect((await get('/v1/', OLD)).body).toHaveProperty('runbooks')
    })
  })

  describe('traits (1.112)', () => {
    const traits = (ident: string) => get(`/v1/runbooks/${ident}/traits`, 'latest')
    const put = (url: string, body?: unknown) =>
      t.request({ method: 'PUT', url, version: 'latest', ...(body === undefined ? {} : { body }) })
    const del = (url: string) => t.request({ method: 'DELETE', url, version: 'latest' })

    it('replaces, adds, lists and removes traits; each change moves the ETag', async () => {
      const rb = await create('CUSTOM_TR')
      expect((await traits('CUSTOM_TR')).body).toEqual({ traits: [] })
      const etag0 = (await get('/v1/runbooks/CUSTOM_TR')).headers.etag
      expect(
        (
          await put('/v1/runbooks/CUSTOM_TR/traits', {
            traits: ['CUSTOM_B', 'CUSTOM_A', 'CUSTOM_A'],
          })
        ).status,
      ).toBe(204)
      expect((await traits(rb.uuid)).body).toEqual({ traits: ['CUSTOM_A', 'CUSTOM_B'] })
      const one = await put('/v1/runbooks/CUSTOM_TR/traits/HW_CPU_X86_VMX', {})
      expect(one.status).toBe(204)
      expect(one.headers.location).toBe(
        'http://localhost:80/v1/runbooks/CUSTOM_TR/traits/HW_CPU_X86_VMX',
      )
      expect((await put('/v1/runbooks/CUSTOM_TR/traits/HW_CPU_X86_VMX')).status).toBe(204)
      const shown = await get('/v1/runbooks/CUSTOM_TR', 'latest')
      expect(shown.body.traits).toEqual(['CUSTOM_A', 'CUSTOM_B', 'HW_CPU_X86_VMX'])
      expect(shown.headers.etag).not.toBe(etag0)
      expect((await del('/v1/runbooks/CUSTOM_TR/traits/CUSTOM_A')).status).toBe(204)
      expect((await del('/v1/runbooks/CUSTOM_TR/traits/CUSTOM_MISSING')).status).toBe(204)
      expect((await traits('CUSTOM_TR')).body).toEqual({ traits: ['CUSTOM_B', 'HW_CPU_X86_VMX'] })
      expect((await del('/v1/runbooks/CUSTOM_TR/traits')).status).toBe(204)
      expect((await traits('CUSTOM_TR')).body).toEqual({ traits: [] })
    })

    it.each([
      [
        'PUT',
        '/v1/runbooks/CUSTOM_SHOW/traits',
        {},
        400,
        'A single runbook trait may be added via PUT /v1/runbooks/<runbook identifier>/traits/<trait> with no body, or all runbook traits may be replaced via PUT /v1/runbooks/<runbook identifier>/traits with the list of traits specified in the request body.',
      ],
      [
        'PUT',
        '/v1/runbooks/CUSTOM_SHOW/traits/foo',
        undefined,
        400,
        `Schema error for trait: ${NOT_A_TRAIT('foo')}`,
      ],
      [
        'PUT',
        '/v1/runbooks/CUSTOM_SHOW/traits',
        { traits: ['x'] },
        400,
        `Schema error for body: ${NOT_A_TRAIT('x')}`,
      ],
      [
        'PUT',
        '/v1/runbooks/CUSTOM_SHOW/traits/CUSTOM_A',
        { traits: [] },
        400,
        'A single runbook trait may be added via PUT /v1/runbooks/<runbook identifier>/traits/<trait> with no body, or all runbook traits may be replaced via PUT /v1/runbooks/<runbook identifier>/traits with the list of traits specified in the request body.',
      ],
      [
        'GET',
        '/v1/runbooks/CUSTOM_NONE/traits',
        undefined,
        404,
        'Runbook CUSTOM_NONE could not be found.',
      ],
      [
        'DELETE',
        '/v1/runbooks/bad%20x/traits',
        undefined,
        400,
        'Expected a logical name or UUID but received bad x.',
      ],
      ['GET', '/v1/runbooks/CUSTOM_SHOW/traits?x=1', undefined, 400, 'Unexpected arguments: x'],
    ])('refuses %s %s', async (method, url, body, status, message) => {
      const r = await t.request({
        method,
        url,
        version: 'latest',
        ...(body === undefined ? {} : { body }),
      })
      expect(r.status).toBe(status)
      expect(faultOf(r.body)).toBe(message)
    })
  })

  describe('provisioning with a runbook', () => {
    const STEPS = [{ interface: 'power', step: 'power_on', args: {}, order: 1 }]

    it('runs a runbook named after a node trait at 1.92', async () => {
      await post({ name: 'CUSTOM_CLEANUP', steps: STEPS })
      const uuid = await nodeIn(t, 'manageable')
      const refused = await provision(t, uuid, { target: 'clean', runbook: 'CUSTOM_CLEANUP' }, OLD)
      expect(refused.status).toBe(400)
      expect(faultOf(refused.body)).toBe(
        `This runbook has not been approved for use on this node ${uuid}. Please ask an administrator to add it to your node traits.`,
      )
      await addTrait(t, uuid, 'CUSTOM_CLEANUP')
      const r = await provision(t, uuid, { target: 'clean', runbook: 'CUSTOM_CLEANUP' }, OLD)
      expect(r.status, r.text).toBe(202)
      const node = await settle(t, uuid)
      expect(node).toMatchObject({
        provision_state: 'manageable',
        power_state: 'power on',
        last_error: null,
      })
    })

    it('from 1.112 needs one of the runbook traits on the node', async () => {
      const rb = await create('maintenance-runbook', { steps: STEPS }, 'latest')
      const uuid = await nodeIn(t, 'manageable')
      const none = await provision(t, uuid, { target: 'clean', runbook: rb.uuid })
      expect(faultOf(none.body)).toBe(
        `Runbook ${rb.uuid} has no traits configured. Please ask an administrator to add traits to the runbook.`,
      )
      const put = await t.request({
        method: 'PUT',
        url: '/v1/runbooks/maintenance-runbook/traits/CUSTOM_RACK1',
        version: 'latest',
      })
      expect(put.status).toBe(204)
      await addTrait(t, uuid, 'CUSTOM_RACK1')
      const r = await provision(t, uuid, { target: 'clean', runbook: 'maintenance-runbook' })
      expect(r.status, r.text).toBe(202)
      expect(await settle(t, uuid)).toMatchObject({
        provision_state: 'manageable',
        last_error: null,
      })
    })

    it('refuses a runbook identifier that is neither a UUID nor a name', async () => {
      const uuid = await nodeIn(t, 'manageable')
      const r = await provision(t, uuid, { target: 'clean', runbook: 'bad name' })
      expect(r.status).toBe(400)
      expect(faultOf(r.body)).toBe('Expected a logical name or UUID but received bad name.')
    })
  })
})
