/**
 * @module Helpers of the provisioning tests: nodes created and moved through the API, and
 * waiting for the background work of the conductor to settle.
 */
import { expect } from 'vitest'
import type { TestAnvil } from '../helpers/anvil.js'

/** A node as `GET /v1/nodes/{node}` shows it. */
export type ApiNode = Record<string, any>

/** Create a fake-hardware node; returns its UUID. */
export async function createNode(
  t: TestAnvil,
  body: Record<string, unknown> = {},
): Promise<string> {
  const r = await t.request({
    method: 'POST',
    url: '/v1/nodes',
    body: { driver: 'fake-hardware', ...body },
  })
  expect(r.status).toBe(201)
  return r.body.uuid as string
}

/** `PUT /v1/nodes/{node}/states/provision`. */
export function provision(t: TestAnvil, node: string, body: unknown, version = 'latest') {
  return t.request({ method: 'PUT', url: `/v1/nodes/${node}/states/provision`, body, version })
}

export async function getNode(t: TestAnvil, node: string): Promise<ApiNode> {
  return (await t.request({ url: `/v1/nodes/${node}` })).body as ApiNode
}

/** Poll until the node is unlocked and `done` holds (default: no target state). */
export async function settle(
  t: TestAnvil,
  node: string,
  done: (n: ApiNode) => boolean = (n) => n.target_provision_state === null,
): Promise<ApiNode> {
  let n: ApiNode = {}
  for (let i = 0; i < 250; i++) {
    n = await getNode(t, node)
    if (n.reservation === null && done(n)) return n
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(
    `node ${node} did not settle: ${String(n.provision_state)} → ${String(n.target_provision_state)}`,
  )
}

/** Ask for `body` (202 expected) and wait for the node to settle. */
export async function act(
  t: TestAnvil,
  node: string,
  body: Record<string, unknown>,
  version = 'latest',
): Promise<ApiNode> {
  const r = await provision(t, node, body, version)
  expect(r.status, JSON.stringify(r.body)).toBe(202)
  return settle(t, node)
}

/** Walk a new node to `state` through the API: enroll, manageable, available or active. */
export async function nodeIn(
  t: TestAnvil,
  state: 'enroll' | 'manageable' | 'available' | 'active',
  body: Record<string, unknown> = {},
): Promise<string> {
  const uuid = await createNode(t, body)
  if (state === 'enroll') return uuid
  await act(t, uuid, { target: 'manage' })
  if (state === 'manageable') return uuid
  await act(t, uuid, { target: 'provide' })
  if (state === 'available') return uuid
  await act(t, uuid, { target: 'active' })
  return uuid
}

/** Set node columns directly (states the fakes never wait in, reservations). */
export async function setColumns(
  t: TestAnvil,
  node: string,
  values: Record<string, unknown>,
): Promise<void> {
  await t.anvil.database.db.updateTable('nodes').set(values).where('uuid', '=', node).execute()
}

/** The history events of a node, oldest first. */
export async function historyOf(
  t: TestAnvil,
  node: string,
): Promise<{ event: string; severity: string }[]> {
  const r = await t.request({ url: `/v1/nodes/${node}/history?detail=true` })
  return r.body.history as { event: string; severity: string }[]
}

/** Add a trait to a node directly. */
export async function addTrait(t: TestAnvil, node: string, trait: string): Promise<void> {
  const db = t.anvil.database.db
  const row = await db
    .selectFrom('nodes')
    .select('id')
    .where('uuid', '=', node)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('node_traits')
    .values({ node_id: row.id, trait, created_at: new Date().toISOString() })
    .execute()
}
