/**
 * @module HA test helpers over the API: the node list with the fields the tests look at, a
 * provisioning verb on many nodes at once, and a node's detailed history.
 */
import { call, Fatal, waitFor, type Member } from './cluster.js'

/** The node fields the HA tests read. */
export interface NodeRow {
  uuid: string
  conductor: string | null
  reservation: string | null
  provision_state: string
  target_provision_state: string | null
  power_state: string | null
  target_power_state: string | null
  last_error: string | null
}

const FIELDS = [
  'uuid',
  'conductor',
  'reservation',
  'provision_state',
  'target_provision_state',
  'power_state',
  'target_power_state',
  'last_error',
].join(',')

/** Every node, by UUID. */
export async function listNodes(api: Member): Promise<Map<string, NodeRow>> {
  const r = await call(api, 'GET', `/v1/nodes?fields=${FIELDS}&limit=1000`)
  if (r.status !== 200) throw new Error(`GET /v1/nodes: ${r.status} ${JSON.stringify(r.body)}`)
  return new Map((r.body.nodes as NodeRow[]).map((n) => [n.uuid, n]))
}

/**
 * Sends `PUT /v1/nodes/{uuid}/states/provision {target}` for every node at once (each must be
 * answered 202), then waits until all are in `state` with no target and no lock.
 */
export async function provisionAll(
  api: Member,
  uuids: readonly string[],
  target: string,
  state: string,
): Promise<void> {
  const answers = await Promise.all(
    uuids.map((uuid) => call(api, 'PUT', `/v1/nodes/${uuid}/states/provision`, { target })),
  )
  const refused = answers.map((a, i) => [uuids[i], a] as const).filter(([, a]) => a.status !== 202)
  if (refused.length > 0) {
    const [uuid, a] = refused[0]!
    const why = `${uuid}: ${a.status} ${JSON.stringify(a.body)}`
    throw new Error(`${target} on ${refused.length} nodes was refused; ${why}`)
  }
  await waitFor(`${uuids.length} nodes to reach "${state}" after ${target}`, 15_000, async () => {
    const nodes = await listNodes(api)
    const settled = uuids.map((u) => nodes.get(u))
    const stuck = settled.find((n) => n?.provision_state.endsWith('failed'))
    if (stuck) throw new Fatal(`node ${stuck.uuid} failed: ${stuck.last_error}`)
    const ok = settled.every(
      (n) =>
        n?.provision_state === state && n.target_provision_state === null && n.reservation === null,
    )
    return ok ? true : undefined
  })
}

/** One event of a node's detailed history. */
export interface HistoryEvent {
  event: string
  conductor: string
  created_at: string
}

/** `GET /v1/nodes/{uuid}/history?detail=true`, oldest first. */
export async function historyOf(api: Member, uuid: string): Promise<HistoryEvent[]> {
  const r = await call(api, 'GET', `/v1/nodes/${uuid}/history?detail=true`)
  if (r.status !== 200) throw new Error(`history of ${uuid}: ${r.status} ${JSON.stringify(r.body)}`)
  return (r.body.history as HistoryEvent[]).sort((x, y) => x.created_at.localeCompare(y.created_at))
}
