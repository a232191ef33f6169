import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, faultOf, startTestAnvil, type TestAnvil } from '../helpers/anvil.js'
import { createNode, getNode, setColumns, settle } from '../conductor/helpers.js'

const ACCEPTABLE =
  "acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"

describe.each(dialects())('node console API on %s', (dialect) => {
  let t: TestAnvil
  beforeAll(async () => {
    t = await startTestAnvil(dialect)
  })
  afterAll(async () => {
    await t.close()
  })

  const url = (node: string) => `/v1/nodes/${node}/states/console`
  const show = (node: string, version = 'latest') => t.request({ url: url(node), version })
  const put = (node: string, body: unknown, version = 'latest') =>
    t.request({ method: 'PUT', url: url(node), body, version })
  const consoleSettled = (enabled: boolean) => (n: Record<string, unknown>) =>
    n.console_enabled === enabled

  it('shows a disabled console with no information', async () => {
    const node = await createNode(t, { name: 'con-1' })
    const r = await show(node, '1.1')
    expect((await show('con-1', '1.5')).body).toEqual(r.body)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ console_enabled: false, console_info: null })
    expect((await getNode(t, node)).console_enabled).toBe(false)
  })

  it('enables the console in the background (202, Location) and shows the fake information', async () => {
    const node = await createNode(t, { name: 'con-2' })
    await setColumns(t, node, { last_error: 'old failure' })
    const r = await put('con-2', { enabled: true }, '1.5')
    expect(r.status).toBe(202)
    expect(r.text).toBe('')
    expect(r.headers.location).toBe('http://localhost:80/v1/nodes/con-2/states/console')
    const n = await settle(t, node, consoleSettled(true))
    expect(n.last_error).toBeNull()
    expect((await show(node)).body).toEqual({ console_enabled: true, console_info: {} })
    const states = await t.request({ url: `/v1/nodes/${node}/states` })
    expect(states.body.console_enabled).toBe(true)

    // already enabled: nothing happens, not even the lock
    await setColumns(t, node, { reservation: 'other-host' })
    expect((await put(node, { enabled: 'yes' })).status).toBe(202)
    await setColumns(t, node, { reservation: null })

    expect((await put(node, { enabled: false })).status).toBe(202)
    await settle(t, node, consoleSettled(false))
    expect((await show(node)).body).toEqual({ console_enabled: false, console_info: null })
  })

  it('refuses a missing or non-boolean enabled, and unknown arguments', async () => {
    const node = await createNode(t)
    const cases: Array<[string, unknown, string]> = [
      ['', {}, 'Missing mandatory parameter: enabled'],
      ['', undefined, 'Missing mandatory parameter: enabled'],
      ['', { enabled: 'maybe' }, `Invalid enabled: Unrecognized value 'maybe', ${ACCEPTABLE}`],
      ['', { enabled: null }, `Invalid enabled: Unrecognized value 'None', ${ACCEPTABLE}`],
      ['', { enabled: true, other: 1 }, 'Unexpected arguments: other'],
      ['?x=1', { enabled: true }, 'Unexpected arguments: x'],
    ]
    for (const [query, body, message] of cases) {
      const r = await t.request({ method: 'PUT', url: `${url(node)}${query}`, body })
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(faultOf(r.body)).toBe(message)
    }
    const q = await t.request({ url: `${url(node)}?x=1` })
    expect(q.status).toBe(400)
    expect(faultOf(q.body)).toBe('Unexpected arguments: x')
    expect((await getNode(t, node)).console_enabled).toBe(false)
  })

  it('answers 404 for an unknown node and 400 for a bad identifier', async () => {
    const r = await show('no-such-node')
    expect(r.status).toBe(404)
    expect(faultOf(r.body)).toBe('Node no-such-node could not be found.')
    expect((await put('no-such-node', { enabled: true })).status).toBe(404)
    const bad = await show('a%20b')
    expect(bad.status).toBe(400)
    expect(faultOf(bad.body)).toBe('Expected UUID or name for node_ident: a b')
  })

  it('refuses a node whose console interface is no-console', async () => {
    const node = await createNode(t, { console_interface: 'no-console' })
    const unsupported = 'Driver fake-hardware does not support console (disabled or not implemented).'
    const r = await put(node, { enabled: true })
    expect(r.status).toBe(400)
    expect(faultOf(r.body)).toBe(unsupported)
    // Ironic only asks the interface once the console is enabled
    expect((await show(node)).body).toEqual({ console_enabled: false, console_info: null })
    await setColumns(t, node, { console_enabled: 1 })
    const s = await show(node)
    expect(s.status).toBe(400)
    expect(faultOf(s.body)).toBe(unsupported)
  })

  it('needs the lock to change the console', async () => {
    const node = await createNode(t)
    await setColumns(t, node, { reservation: 'other-host' })
    const r = await put(node, { enabled: true })
    expect(r.status).toBe(409)
    expect(faultOf(r.body)).toBe(
      `Node ${node} is locked by host other-host, please retry after the current operation is completed.`,
    )
    expect((await show(node)).status).toBe(200)
    await setColumns(t, node, { reservation: null })
  })
})
