/**
 * @module /v1/chassis: list, detail, show, create, update (JSON PATCH), delete, and the nodes
 * of a chassis (/v1/chassis/{uuid}/nodes[/detail], served by the node list).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import {
  ConflictError,
  InvalidParameterValueError,
  NotFoundError,
  PreconditionFailedError,
} from '../../../common/errors.js'
import { newUuid } from '../../../common/uuid.js'
import { uniqueViolation } from '../../../db/errors.js'
import {
  type ChassisRecord,
  chassisMarker,
  deleteChassis,
  findChassis,
  insertChassis,
  listChassis,
  updateChassis,
} from '../../../db/repos/chassis.js'
import { CHASSIS_FIELDS, CHASSIS_UNSORTABLE } from '../../fields/chassis.js'
import { baseUrl, checkIfMatch, etagOf, links, route, COLLECTION_ALLOW } from '../../http.js'
import { applyPatch, checkPatch } from '../../json-patch.js'
import type { Query } from '../../query.js'
import { listHandler as listNodes } from '../nodes/list.js'
import {
  booleanArg,
  integerArg,
  operationNotPermitted,
  queryArgs,
  stringListArg,
  uuidArg,
} from '../ports/args.js'
import {
  checkFieldsAllowed,
  checkFieldsExist,
  markerNotFound,
  nextHref,
  returnFields,
  sortColumn,
  validateLimit,
  validateSortDir,
} from '../ports/collection.js'
import { resourceView } from '../ports/view.js'
import { CHASSIS_PATCH_ALLOWED, validateChassis } from './schema.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

/** Registers /v1/chassis and the node sub-collection of a chassis. */
export function registerChassisRoutes(app: FastifyInstance): void {
  route(app, '/v1/chassis', { GET: (req) => listHandler(req, false), POST: createHandler }, { allow: COLLECTION_ALLOW })
  route(app, '/v1/chassis/detail', { GET: (req) => listHandler(req, true) })
  route(app, '/v1/chassis/:ident', { GET: showHandler, PATCH: patchHandler, DELETE: deleteHandler })
  const forbidden = () => {
    throw operationNotPermitted()
  }
  route(app, '/v1/chassis/:ident/nodes', {
    GET: (req: IdentReq, reply: FastifyReply) => nodesHandler(req, reply, false),
    POST: forbidden,
  })
  route(app, '/v1/chassis/:ident/nodes/detail', {
    GET: (req: IdentReq, reply: FastifyReply) => nodesHandler(req, reply, true),
  })
  route(app, '/v1/chassis/:ident/nodes/:node', {
    GET: forbidden,
    PATCH: forbidden,
    DELETE: forbidden,
  })
}

function chassisNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Chassis ${ident} could not be found.`)
}

/** The API object of one chassis. */
export function chassisView(
  chassis: ChassisRecord,
  req: FastifyRequest,
  fields?: readonly string[],
) {
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  return resourceView(
    {
      fields: CHASSIS_FIELDS,
      path: `chassis/${chassis.uuid}`,
      // Ironic wraps these links in one more list (a stray comma in chassis.py).
      subLinks: { nodes: [links(base, `chassis/${chassis.uuid}/nodes`)] },
    },
    chassis as unknown as Record<string, unknown>,
    { minor: req.minor, base, fields },
  )
}

async function listHandler(req: FastifyRequest, detailPath: boolean) {
  const { database, settings } = req.server.deps
  const minor = req.minor
  const q = queryArgs(req.query as Query, [
    'marker',
    'limit',
    'sort_key',
    'sort_dir',
    ...(detailPath ? [] : ['fields', 'detail']),
  ])
  const marker = uuidArg('marker', q.marker)
  const rawLimit = integerArg('limit', q.limit)
  const sortKey = q.sort_key ?? 'id'
  let fields = stringListArg(q.fields)
  const detail = booleanArg('detail', q.detail)
  if (!detailPath) {
    checkFieldsAllowed(fields, minor)
    fields = returnFields(fields, detail, CHASSIS_FIELDS.listDefault, minor)
  }
  const limit = validateLimit(rawLimit, settings.maxLimit)
  const sortDir = validateSortDir(q.sort_dir)
  if (marker && !(await findChassis(database.db, { uuid: marker })))
    throw markerNotFound('Chassis', marker)
  const column = sortColumn(
    sortKey,
    { fields: CHASSIS_FIELDS, unsortable: CHASSIS_UNSORTABLE },
    minor,
  )
  const after = marker ? await chassisMarker(database.db, marker, column) : undefined
  const rows = await listChassis(database.db, { limit, after, sortColumn: column, sortDir })
  if (rows.length > 0) checkFieldsExist(CHASSIS_FIELDS, fields, minor, ['nodes'])
  const chassis = rows.map((c) => chassisView(c, req, fields))
  const base = baseUrl(req, settings.publicEndpoint)
  const next = nextHref(base, detailPath ? 'chassis/detail' : 'chassis', rows, limit, {
    sortKey,
    sortDir,
    detail,
    fields,
  })
  return next ? { chassis, next } : { chassis }
}

async function getChassis(req: FastifyRequest, uuid: string): Promise<ChassisRecord> {
  const chassis = await findChassis(req.server.deps.database.db, { uuid })
  if (!chassis) throw chassisNotFound(uuid)
  return chassis
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const q = queryArgs(req.query as Query, ['fields'])
  uuidArg('chassis_uuid', req.params.ident)
  const fields = stringListArg(q.fields)
  checkFieldsAllowed(fields, req.minor)
  const chassis = await getChassis(req, req.params.ident)
  checkFieldsExist(CHASSIS_FIELDS, fields, req.minor, ['nodes'])
  void reply.header('ETag', etagOf(chassis))
  return chassisView(chassis, req, fields)
}

async function createHandler(req: FastifyRequest, reply: FastifyReply) {
  const { database, clock } = req.server.deps
  queryArgs(req.query as Query, [])
  const values = validateChassis('chassis', req.body ?? null)
  const uuid = (values.uuid as string | null | undefined) || newUuid()
  let id: number
  try {
    id = await insertChassis(database.db, {
      uuid,
      description: (values.description as string | null | undefined) ?? null,
      extra: JSON.stringify(values.extra ?? {}),
      created_at: isoTimestamp(clock.now()),
    })
  } catch (err) {
    if (uniqueViolation(err) !== 'uuid') throw err
    throw new ConflictError(`A chassis with UUID ${uuid} already exists.`, 'CHASSIS_ALREADY_EXISTS')
  }
  const chassis = (await findChassis(database.db, { id }))!
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  void reply
    .code(201)
    .header('Location', `${base}/v1/chassis/${uuid}`)
    .header('ETag', etagOf(chassis))
  return chassisView(chassis, req)
}

async function patchHandler(req: IdentReq, reply: FastifyReply) {
  const { database, clock } = req.server.deps
  queryArgs(req.query as Query, [])
  const ops = checkPatch(req.body, CHASSIS_PATCH_ALLOWED, req.minor)
  const chassis = await getChassis(req, req.params.ident)
  checkIfMatch(req, etagOf(chassis))
  const current = {
    uuid: chassis.uuid,
    extra: chassis.extra ? (JSON.parse(chassis.extra) as unknown) : {},
    description: chassis.description,
    created_at: chassis.created_at,
    updated_at: chassis.updated_at,
  }
  const patched = validateChassis('patch', pickSchema(applyPatch(current, ops)))
  const changes: Record<string, unknown> = {}
  for (const name of CHASSIS_PATCH_ALLOWED) {
    const value = patched[name] ?? null
    if (JSON.stringify(value) !== JSON.stringify(current[name as keyof typeof current] ?? null))
      changes[name] = value
  }
  if ('uuid' in changes)
    throw new InvalidParameterValueError('Cannot overwrite UUID for an existing Chassis.')
  if (Object.keys(changes).length === 0) return chassisView(chassis, req)
  if ('extra' in changes) changes.extra = JSON.stringify(changes.extra ?? {})
  const updatedAt = isoTimestamp(clock.now())
  if (
    !(await updateChassis(database.db, chassis.id, changes, {
      revision: chassis.revision,
      updatedAt,
    }))
  ) {
    throw new PreconditionFailedError('The chassis was changed by another request; retry.')
  }
  const updated = (await findChassis(database.db, { id: chassis.id }))!
  void reply.header('ETag', etagOf(updated))
  return chassisView(updated, req)
}

function pickSchema(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => CHASSIS_PATCH_ALLOWED.includes(k)))
}

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  uuidArg('chassis_uuid', req.params.ident)
  const chassis = await getChassis(req, req.params.ident)
  checkIfMatch(req, etagOf(chassis))
  if (!(await deleteChassis(req.server.deps.database.db, chassis.id))) {
    throw new InvalidParameterValueError(
      `Cannot complete the requested action because chassis ${chassis.uuid} contains nodes.`,
    )
  }
  return reply.code(204).send()
}

/** GET /v1/chassis/{uuid}/nodes[/detail]: the node list filtered on the chassis. */
async function nodesHandler(req: IdentReq, reply: FastifyReply, detailPath: boolean) {
  const query = req.query as Query
  if ('chassis_uuid' in query)
    throw new InvalidParameterValueError('Unexpected arguments: chassis_uuid')
  uuidArg('chassis_uuid', req.params.ident)
  await getChassis(req, req.params.ident)
  req.query = { ...query, chassis_uuid: req.params.ident }
  return listNodes(req, reply, detailPath)
}
