/**
 * @module /v1/allocations (≥1.52): list, show, create, update (≥1.57, name and extra), delete;
 * and /v1/nodes/{node}/allocation (show, delete). Allocating runs on a conductor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import { ConflictError, IronicError, NotFoundError } from '../../../common/errors.js'
import { uniqueViolation } from '../../../db/errors.js'
import {
  allocationMarker,
  findAllocation,
  listAllocations,
  updateAllocation,
  type AllocationRecord,
} from '../../../db/repos/allocations.js'
import type { RpcTarget } from '../../../conductor/rpc/types.js'
import {
  ALLOCATION_FIELDS,
  ALLOCATION_PATCH_ALLOWED,
  ALLOCATION_UNSORTABLE,
} from '../../fields/allocations.js'
import { baseUrl, checkIfMatch, etagOf, route, type Handler } from '../../http.js'
import { applyPatch, checkPatch } from '../../json-patch.js'
import { notAcceptable, type Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { getNode } from '../nodes/lookup.js'
import { integerArg, queryArgs, stringListArg, uuidArg, uuidOrNameArg } from '../ports/args.js'
import {
  checkFieldsAllowed,
  checkFieldsExist,
  nextHref,
  sortColumn,
  validateLimit,
  validateSortDir,
} from '../ports/collection.js'
import { createAllocationHandler } from './create.js'
import {
  ALLOCATION_SCHEMA,
  checkAllocationName,
  checkOwnerAllowed,
  validateAllocation,
} from './schema.js'
import {
  allocationNotFound,
  allocationView,
  bodyNode,
  checkAllocationsVersion,
  getAllocation,
} from './view.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

function gated(handler: Handler, always404 = false): Handler {
  return (req, reply) => {
    checkAllocationsVersion(req, always404)
    return handler(req, reply)
  }
}

export function registerAllocationRoutes(app: FastifyInstance): void {
  route(app, '/v1/allocations', { GET: gated(listHandler), POST: gated(createAllocationHandler) })
  route(app, '/v1/allocations/:ident', {
    GET: gated(showHandler),
    PATCH: gated(patchHandler),
    DELETE: gated(deleteHandler),
  })
  route(app, '/v1/nodes/:ident/allocation', {
    GET: gated(nodeShowHandler, true),
    DELETE: gated(nodeDeleteHandler, true),
  })
}

interface ListOptions {
  nodeId?: number
  resourceClass?: string
  state?: string
  owner?: string
  marker?: string
  limit?: number
  sortKey: string
  sortDir: string
  fields?: string[]
}

async function listPage(req: FastifyRequest, o: ListOptions) {
  const { database, settings } = req.server.deps
  const limit = validateLimit(o.limit, settings.maxLimit)
  const sortDir = validateSortDir(o.sortDir)
  const column = sortColumn(
    o.sortKey,
    { fields: ALLOCATION_FIELDS, unsortable: ALLOCATION_UNSORTABLE },
    req.minor,
  )
  const after = o.marker ? await allocationMarker(database.db, o.marker, column) : undefined
  if (o.marker && !after) throw allocationNotFound(o.marker)
  const filters = {
    nodeId: o.nodeId,
    resourceClass: o.resourceClass,
    state: o.state,
    owner: o.owner,
  }
  const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined))
  const rows = await listAllocations(database.db, defined, {
    limit,
    after,
    sortColumn: column,
    sortDir,
  })
  if (rows.length > 0) checkFieldsExist(ALLOCATION_FIELDS, o.fields, req.minor)
  const allocations = rows.map((a) => allocationView(a, req, o.fields))
  const next = nextHref(baseUrl(req, settings.publicEndpoint), 'allocations', rows, limit, {
    sortKey: o.sortKey,
    sortDir,
    fields: o.fields,
  })
  return { allocations, rows, next }
}

async function listHandler(req: FastifyRequest) {
  const q = queryArgs(req.query as Query, [
    'node',
    'resource_class',
    'state',
    'marker',
    'limit',
    'sort_key',
    'sort_dir',
    'fields',
    'owner',
  ])
  uuidOrNameArg('node', q.node)
  uuidArg('marker', q.marker)
  const limit = integerArg('limit', q.limit)
  const fields = stringListArg(q.fields)
  checkOwnerAllowed(fields, req.minor)
  if (q.owner !== undefined && req.minor < MINOR.ALLOCATION_OWNER) throw notAcceptable()
  checkFieldsAllowed(fields, req.minor)
  const node = q.node !== undefined ? await bodyNode(req, q.node) : undefined
  const page = await listPage(req, {
    ...(node ? { nodeId: node.id } : {}),
    ...(q.resource_class !== undefined ? { resourceClass: q.resource_class } : {}),
    ...(q.state !== undefined ? { state: q.state } : {}),
    ...(q.owner !== undefined ? { owner: q.owner } : {}),
    ...(q.marker !== undefined ? { marker: q.marker } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(fields !== undefined ? { fields } : {}),
    sortKey: q.sort_key ?? 'id',
    sortDir: q.sort_dir ?? 'asc',
  })
  return page.next
    ? { allocations: page.allocations, next: page.next }
    : { allocations: page.allocations }
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const q = queryArgs(req.query as Query, ['fields'])
  uuidOrNameArg('allocation_ident', req.params.ident)
  const fields = stringListArg(q.fields)
  checkFieldsAllowed(fields, req.minor)
  const a = await getAllocation(req, req.params.ident)
  checkOwnerAllowed(fields, req.minor)
  checkFieldsExist(ALLOCATION_FIELDS, fields, req.minor)
  void reply.header('ETag', etagOf(a))
  return allocationView(a, req, fields)
}

function patchedValues(a: AllocationRecord, body: unknown, minor: number) {
  const ops = checkPatch(body, ALLOCATION_PATCH_ALLOWED, minor)
  checkOwnerAllowed(
    ops.map((o) => o.path.split('/')[1] ?? ''),
    minor,
  )
  for (const op of ops) if (op.path === '/name') checkAllocationName(op.value, 'update')
  const doc = {
    id: a.id,
    uuid: a.uuid,
    name: a.name,
    node_id: a.node_id,
    state: a.state,
    owner: a.owner,
    last_error: a.last_error,
    resource_class: a.resource_class,
    traits: a.traits ? (JSON.parse(a.traits) as unknown) : [],
    candidate_nodes: a.candidate_nodes ? (JSON.parse(a.candidate_nodes) as unknown) : [],
    extra: a.extra ? (JSON.parse(a.extra) as unknown) : {},
    created_at: a.created_at,
    updated_at: a.updated_at,
  }
  const patched = applyPatch(doc, ops)
  const known = Object.keys(ALLOCATION_SCHEMA.properties ?? {})
  validateAllocation(
    'patch',
    Object.fromEntries(Object.entries(patched).filter(([k]) => known.includes(k))),
  )
  const changes: { name?: string | null; extra?: string | null } = {}
  if (patched.name !== doc.name) changes.name = (patched.name as string | null | undefined) ?? null
  if (JSON.stringify(patched.extra ?? null) !== JSON.stringify(doc.extra))
    changes.extra = patched.extra == null ? null : JSON.stringify(patched.extra)
  return changes
}

async function patchHandler(req: IdentReq, reply: FastifyReply) {
  if (req.minor < MINOR.ALLOCATION_UPDATE) {
    throw new IronicError('The API version does not allow updating allocations', {
      code: 'METHOD_NOT_ALLOWED',
      status: 405,
    })
  }
  queryArgs(req.query as Query, [])
  const a = await getAllocation(req, req.params.ident)
  checkIfMatch(req, etagOf(a))
  const changes = patchedValues(a, req.body, req.minor)
  const db = req.server.deps.database.db
  if (Object.keys(changes).length > 0) {
    try {
      await updateAllocation(
        db,
        a.id,
        { ...changes, updated_at: isoTimestamp(req.server.deps.clock.now()) },
        false,
      )
    } catch (err) {
      if (uniqueViolation(err) !== 'name') throw err
      throw new ConflictError(
        `An allocation with name ${String(changes.name)} already exists.`,
        'ALLOCATION_DUPLICATE_NAME',
      )
    }
  }
  const updated = (await findAllocation(db, { id: a.id }))!
  void reply.header('ETag', etagOf(updated))
  return allocationView(updated, req)
}

/** Asks a conductor to delete the allocation (under its node's lock when it has one). */
async function destroy(req: FastifyRequest, a: AllocationRecord): Promise<void> {
  const { database, drivers, conductors, rpc } = req.server.deps
  let target: RpcTarget
  const node =
    a.node_id !== null
      ? await database.db
          .selectFrom('nodes')
          .selectAll()
          .where('id', '=', a.node_id)
          .executeTakeFirst()
      : undefined
  if (node)
    target = {
      node: { uuid: node.uuid, driver: node.driver, conductor_group: node.conductor_group },
    }
  else {
    const host = drivers.hardwareTypes().flatMap((t) => conductors.hostsFor(t))[0]
    target = host ? { host } : { node: { uuid: a.uuid, driver: '', conductor_group: '' } }
  }
  await rpc.call(target, 'destroy_allocation', { allocation_id: a.id })
}

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  uuidOrNameArg('allocation_ident', req.params.ident)
  const a = await getAllocation(req, req.params.ident)
  checkIfMatch(req, etagOf(a))
  await destroy(req, a)
  return reply.code(204).send()
}

async function nodeAllocation(
  req: IdentReq,
  nodeIdent: string,
  node: { id: number },
): Promise<AllocationRecord> {
  const a = await findAllocation(req.server.deps.database.db, { nodeId: node.id })
  if (!a) throw new NotFoundError(`Allocation for node ${nodeIdent} was not found`)
  return a
}

async function nodeShowHandler(req: IdentReq) {
  const q = queryArgs(req.query as Query, ['fields'])
  const fields = stringListArg(q.fields)
  checkFieldsAllowed(fields, req.minor)
  const node = await bodyNode(req, req.params.ident)
  const a = await nodeAllocation(req, req.params.ident, node)
  checkOwnerAllowed(fields, req.minor)
  checkFieldsExist(ALLOCATION_FIELDS, fields, req.minor)
  return allocationView(a, req, fields)
}

async function nodeDeleteHandler(req: IdentReq, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  const node = await getNode(req.server.deps.database, req.params.ident, req.minor)
  await destroy(req, await nodeAllocation(req, req.params.ident, node))
  return reply.code(204).send()
}
