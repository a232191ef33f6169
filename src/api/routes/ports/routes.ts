/**
 * @module /v1/ports: list, detail, show, create, update (JSON PATCH), delete; and the port
 * sub-collections of nodes (/v1/nodes/{node}/ports) and portgroups (/v1/portgroups/{pg}/ports).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, IronicError, NodeLockedError } from '../../../common/errors.js'
import { findNode } from '../../../db/repos/nodes.js'
import { type PortRecord, deletePort } from '../../../db/repos/ports.js'
import { PORT_FIELDS } from '../../fields/ports.js'
import { baseUrl, checkIfMatch, etagOf, route, COLLECTION_ALLOW } from '../../http.js'
import type { Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { checkDriverServed } from '../nodes/write.js'
import {
  operationNotPermitted,
  pecanAbort,
  queryArgs,
  stringListArg,
  uuidOrNameArg,
} from './args.js'
import { checkFieldsAllowed, checkFieldsExist, checkFieldVersions } from './collection.js'
import { listPortsHandler, type PortParent } from './list.js'
import { checkPortIdent, getPort } from './lookup.js'
import { applyPortPatch, checkPortPatch } from './patch.js'
import { portView } from './view.js'
import { createPort } from './write.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>
type ParentReq = FastifyRequest<{ Params: { ident: string } }>

/** Registers /v1/ports and the port sub-collections of nodes and portgroups. */
export function registerPortRoutes(app: FastifyInstance): void {
  route(app, '/v1/ports', {
    GET: (req) => listPortsHandler(req, false),
    POST: createHandler,
    DELETE: missingUuid,
  }, { allow: COLLECTION_ALLOW })
  route(app, '/v1/ports/detail', { GET: (req) => listPortsHandler(req, true) })
  route(app, '/v1/ports/:ident', { GET: showHandler, PATCH: patchHandler, DELETE: deleteHandler })
  registerSubCollections(app)
}

/** The port lists under a node (any version) and under a portgroup (from 1.24). */
function registerSubCollections(app: FastifyInstance): void {
  const forbidden = () => {
    throw operationNotPermitted()
  }
  const all = { GET: forbidden, POST: forbidden, PATCH: forbidden, DELETE: forbidden }
  const nodes = (detail: boolean) => (req: ParentReq) => subList(req, 'node', detail)
  const pgs = (detail: boolean) => (req: ParentReq) => subList(req, 'portgroup', detail)
  route(app, '/v1/nodes/:ident/ports', { GET: nodes(false), POST: forbidden })
  route(app, '/v1/nodes/:ident/ports/detail', { GET: nodes(true) })
  route(app, '/v1/nodes/:ident/ports/:port', all)
  route(app, '/v1/portgroups/:ident/ports', { GET: pgs(false), POST: forbidden })
  route(app, '/v1/portgroups/:ident/ports/detail', { GET: pgs(true) })
  route(app, '/v1/portgroups/:ident/ports/:port', all)
}

/** `_lookup` of the parent controller, then the port list with its parent. */
async function subList(req: ParentReq, kind: 'node' | 'portgroup', detailPath: boolean) {
  const ident = req.params.ident
  if (kind === 'node') {
    checkPathIdent('node', ident)
    return listPortsHandler(req, detailPath, { node: ident } satisfies PortParent)
  }
  if (req.minor < MINOR.PORTGROUPS) throw pecanAbort(404)
  checkPathIdent('portgroup', ident)
  if (req.minor < MINOR.PORTGROUPS_SUBCONTROLLERS) throw pecanAbort(404)
  return listPortsHandler(req, detailPath, { portgroup: ident })
}

/** A parent identifier in the path that is no UUID nor name: pecan's 400. */
export function checkPathIdent(kind: string, ident: string): void {
  try {
    uuidOrNameArg(kind, ident)
  } catch (e) {
    throw pecanAbort(400, (e as Error).message)
  }
}

function missingUuid(): never {
  throw new IronicError('Missing mandatory parameter: port_uuid', {
    code: 'MISSING_PARAMETER',
    status: 400,
  })
}

function view(req: FastifyRequest, port: PortRecord, fields?: readonly string[]) {
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  return portView(port, { minor: req.minor, base, fields })
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const minor = req.minor
  const q = queryArgs(req.query as Query, ['fields'])
  checkPortIdent(req.params.ident, minor)
  const fields = stringListArg(q.fields)
  const port = await getPort(req.server.deps.database, req.params.ident, minor)
  checkFieldsAllowed(fields, minor)
  checkFieldVersions(PORT_FIELDS, fields, minor)
  checkFieldsExist(PORT_FIELDS, fields, minor)
  void reply.header('ETag', etagOf(port))
  return view(req, port, fields)
}

async function createHandler(req: FastifyRequest, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  const port = await createPort(req)
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  void reply
    .code(201)
    .header('Location', `${base}/v1/ports/${port.uuid}`)
    .header('ETag', etagOf(port))
  return view(req, port)
}

async function patchHandler(req: IdentReq, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  const checked = await checkPortPatch(req)
  checkIfMatch(req, etagOf(checked.port))
  const port = await applyPortPatch(req, checked)
  void reply.header('ETag', etagOf(port))
  return view(req, port)
}

/** Uses of an attached VIF, in the order Ironic 21.4 looks for them (`get_attached_vif`). */
const VIF_USES: Array<[string, string]> = [
  ['tenant_vif_port_id', 'tenant'],
  ['cleaning_vif_port_id', 'cleaning'],
  ['provisioning_vif_port_id', 'provisioning'],
  ['rescuing_vif_port_id', 'rescuing'],
  ['inspection_vif_port_id', 'inspecting'],
]

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  const { database } = req.server.deps
  queryArgs(req.query as Query, [])
  const port = await getPort(database, req.params.ident, req.minor, true)
  checkIfMatch(req, etagOf(port))
  const node = port.node_id === null ? undefined : await findNode(database.db, { id: port.node_id })
  if (node) checkDriverServed(req.server.deps, node)
  if (node?.reservation) throw new NodeLockedError(node.uuid, node.reservation)
  const info = port.internal_info ? (JSON.parse(port.internal_info) as Record<string, unknown>) : {}
  const attached = VIF_USES.find(([key]) => info[key])
  if (attached && !node?.maintenance) {
    throw new ConflictError(
      `Cannot delete the port ${port.uuid} as it is bound to VIF ${String(info[attached[0]])} for ${attached[1]} use.`,
      'INVALID_STATE',
    )
  }
  await deletePort(database.db, port.id)
  return reply.code(204).send()
}
