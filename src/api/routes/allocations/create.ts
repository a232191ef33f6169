/**
 * @module POST /v1/allocations (Ironic `AllocationsController.post`): checks the body, resolves
 * the backfill node and candidate nodes, then asks a conductor to store and process it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { IronicError } from '../../../common/errors.js'
import { isUuidLike, newUuid } from '../../../common/uuid.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import type { AllocationRecord } from '../../../db/repos/allocations.js'
import type { RpcTarget } from '../../../conductor/rpc/types.js'
import { baseUrl, etagOf } from '../../http.js'
import type { Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { isLogicalName, queryArgs } from '../ports/args.js'
import { checkAllocationName, checkOwnerAllowed, invalid, validateAllocation } from './schema.js'
import { allocationView, bodyNode } from './view.js'

/** `check_node_list`: candidate idents → UUIDs, in the given order. */
async function candidateUuids(req: FastifyRequest, idents: readonly string[]): Promise<string[]> {
  const unique = [...new Set(idents)]
  const bad = unique.filter((i) => !isUuidLike(i) && !isLogicalName(i))
  const missing = (list: string[]) =>
    new IronicError(`Nodes cannot be found: ${list.join(', ')}`, {
      code: 'NODE_NOT_FOUND',
      status: 400,
    })
  if (bad.length > 0) throw missing(bad)
  const db = req.server.deps.database.db
  const rows = await db
    .selectFrom('nodes')
    .select(['uuid', 'name'])
    .where((eb) => eb.or([eb('uuid', 'in', unique), eb('name', 'in', unique)]))
    .execute()
  const map = new Map<string, string>()
  for (const r of rows) {
    if (unique.includes(r.uuid)) map.set(r.uuid, r.uuid)
    if (r.name && unique.includes(r.name)) map.set(r.name, r.uuid)
  }
  const notFound = unique.filter((i) => !map.has(i))
  if (notFound.length > 0) throw missing(notFound)
  return idents.map((i) => map.get(i) as string)
}

function randomConductor(req: FastifyRequest): RpcTarget {
  const { drivers, conductors } = req.server.deps
  const hosts = [...new Set(drivers.hardwareTypes().flatMap((t) => conductors.hostsFor(t)))]
  const host = hosts[Math.floor(Math.random() * hosts.length)]
  if (host === undefined) {
    throw new IronicError('No valid host was found. Reason: No conductor service registered.', {
      code: 'NO_VALID_HOST',
      status: 400,
    })
  }
  return { host }
}

async function backfillNode(req: FastifyRequest, ident: unknown): Promise<NodeRecord | undefined> {
  if (!ident) return undefined
  if (req.minor < MINOR.ALLOCATION_BACKFILL)
    throw invalid('Cannot set node when creating an allocation in this API version')
  return bodyNode(req, ident as string)
}

/** POST /v1/allocations. */
export async function createAllocationHandler(req: FastifyRequest, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  const body = validateAllocation('allocation', req.body === undefined ? {} : req.body)
  checkOwnerAllowed(Object.keys(body), req.minor)
  checkAllocationName(body.name, 'create')
  const node = await backfillNode(req, body.node)
  let resourceClass = (body.resource_class as string | null | undefined) ?? null
  if (!resourceClass) {
    if (!node) throw invalid('The resource_class field is mandatory when not backfilling')
    resourceClass = node.resource_class
  }
  const given = (body.candidate_nodes as string[] | null | undefined) ?? []
  const candidates = given.length > 0 ? await candidateUuids(req, given) : []
  const uuid = (body.uuid as string | null | undefined) || node?.instance_uuid || newUuid()
  const allocation = {
    uuid,
    name: (body.name as string | null | undefined) ?? null,
    resource_class: resourceClass,
    traits: (body.traits as string[] | null | undefined) ?? [],
    candidate_nodes: candidates,
    extra: (body.extra as Record<string, unknown> | null | undefined) ?? {},
    owner: (body.owner as string | null | undefined) ?? null,
  }
  const target: RpcTarget = node
    ? { node: { uuid: node.uuid, driver: node.driver, conductor_group: node.conductor_group } }
    : randomConductor(req)
  const params = { allocation, ...(node ? { node_id: node.id } : {}) }
  const created = await req.server.deps.rpc.call<AllocationRecord>(
    target,
    'create_allocation',
    params,
  )
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  void reply
    .code(201)
    .header('Location', `${base}/v1/allocations/${uuid}`)
    .header('ETag', etagOf(created))
  return allocationView(created, req)
}
