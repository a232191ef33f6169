/**
 * @module /v1/portgroups (from 1.23): list, detail, show, create, update (JSON PATCH), delete;
 * and the portgroup sub-collection of nodes (/v1/nodes/{node}/portgroups, from 1.24).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { InvalidParameterValueError, NodeLockedError } from '../../../common/errors.js'
import { findNode } from '../../../db/repos/nodes.js'
import { type PortgroupRecord, deletePortgroup } from '../../../db/repos/portgroups.js'
import { PORTGROUP_FIELDS } from '../../fields/portgroups.js'
import { baseUrl, checkIfMatch, etagOf, route, COLLECTION_ALLOW } from '../../http.js'
import type { Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { checkDriverServed } from '../nodes/write.js'
import { operationNotPermitted, pecanAbort, queryArgs, stringListArg } from '../ports/args.js'
import { checkFieldsExist } from '../ports/collection.js'
import { getPortgroup } from '../ports/lookup.js'
import { checkPathIdent } from '../ports/routes.js'
import { listPortgroupsHandler } from './list.js'
import { applyPortgroupPatch, checkPatchDocument, checkPortgroupPatch } from './patch.js'
import { checkPortgroupFieldVersions, portgroupView } from './view.js'
import { createPortgroup } from './write.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

/** Registers /v1/portgroups and the portgroup sub-collection of nodes. */
export function registerPortgroupRoutes(app: FastifyInstance): void {
  route(
    app,
    '/v1/portgroups',
    { GET: (req) => listPortgroupsHandler(req, false), POST: createHandler },
    { allow: COLLECTION_ALLOW },
  )
  route(app, '/v1/portgroups/detail', { GET: detailHandler })
  route(app, '/v1/portgroups/:ident', {
    GET: showHandler,
    PATCH: patchHandler,
    DELETE: deleteHandler,
  })
  const forbidden = () => {
    throw operationNotPermitted()
  }
  const sub = (detail: boolean) => (req: IdentReq) => nodeSubList(req, detail)
  route(app, '/v1/nodes/:ident/portgroups', { GET: sub(false), POST: forbidden })
  route(app, '/v1/nodes/:ident/portgroups/detail', { GET: sub(true) })
  const all = { GET: forbidden, PATCH: forbidden, DELETE: forbidden }
  route(app, '/v1/nodes/:ident/portgroups/:pg', all)
  route(app, '/v1/nodes/:ident/portgroups/:pg/ports', { GET: forbidden })
  route(app, '/v1/nodes/:ident/portgroups/:pg/ports/detail', { GET: forbidden })
}

function detailHandler(req: FastifyRequest) {
  if (req.minor < MINOR.PORTGROUPS) throw pecanAbort(404)
  return listPortgroupsHandler(req, true)
}

/** GET /v1/nodes/{node}/portgroups[/detail]: the node controller's `_lookup`, then the list. */
async function nodeSubList(req: IdentReq, detailPath: boolean) {
  checkPathIdent('node', req.params.ident)
  if (req.minor < MINOR.PORTGROUPS_SUBCONTROLLERS) throw pecanAbort(404)
  return listPortgroupsHandler(req, detailPath, req.params.ident)
}

/** The portgroup controller's `_lookup`: pecan's 404 below 1.23, 400 for a bad identifier. */
function lookupIdent(req: IdentReq): string {
  if (req.minor < MINOR.PORTGROUPS) throw pecanAbort(404)
  checkPathIdent('portgroup', req.params.ident)
  return req.params.ident
}

function view(req: FastifyRequest, pg: PortgroupRecord, fields?: readonly string[]) {
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  return portgroupView(pg, { minor: req.minor, base, fields })
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const ident = lookupIdent(req)
  const fields = stringListArg(queryArgs(req.query as Query, ['fields']).fields)
  const pg = await getPortgroup(req.server.deps.database, ident)
  checkPortgroupFieldVersions(fields, req.minor)
  checkFieldsExist(PORTGROUP_FIELDS, fields, req.minor, ['ports'])
  void reply.header('ETag', etagOf(pg))
  return view(req, pg, fields)
}

async function createHandler(req: FastifyRequest, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  const pg = await createPortgroup(req)
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  void reply
    .code(201)
    .header('Location', `${base}/v1/portgroups/${pg.uuid}`)
    .header('ETag', etagOf(pg))
  return view(req, pg)
}

async function patchHandler(req: IdentReq, reply: FastifyReply) {
  const ident = lookupIdent(req)
  queryArgs(req.query as Query, [])
  const ops = checkPatchDocument(req.body, req.minor)
  const pg = await getPortgroup(req.server.deps.database, ident)
  checkPortgroupPatch(ident, ops, req.minor)
  checkIfMatch(req, etagOf(pg))
  const updated = await applyPortgroupPatch(req, pg, ops)
  void reply.header('ETag', etagOf(updated))
  return view(req, updated)
}

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  const { database } = req.server.deps
  const ident = lookupIdent(req)
  queryArgs(req.query as Query, [])
  const pg = await getPortgroup(database, ident)
  checkIfMatch(req, etagOf(pg))
  const node = pg.node_id === null ? undefined : await findNode(database.db, { id: pg.node_id })
  if (node) checkDriverServed(req.server.deps, node)
  if (node?.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  if (!(await deletePortgroup(database.db, pg.id))) {
    throw new InvalidParameterValueError(
      `Cannot complete the requested action because portgroup ${pg.uuid} contains ports.`,
    )
  }
  return reply.code(204).send()
}
