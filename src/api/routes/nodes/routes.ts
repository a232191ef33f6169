/**
 * @module /v1/nodes: list, detail, show, create, update (JSON PATCH), delete.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import {
  ClientSideError,
  InvalidParameterValueError,
  IronicError,
  NotFoundError,
} from '../../../common/errors.js'
import { newUuid } from '../../../common/uuid.js'
import { deleteNode, insertNode, type NodeRecord } from '../../../db/repos/nodes.js'
import { NODE_FIELDS, NODE_OPT_IN_FIELDS } from '../../fields/nodes.js'
import { type Handler, baseUrl, checkIfMatch, etagOf, route } from '../../http.js'
import { parseFields, param, type Query } from '../../query.js'
import { validateSchema } from '../../../common/json-schema.js'
import { pyRepr } from '../../../common/python-repr.js'
import { MINOR } from '../../versions.js'
import { listHandler } from './list.js'
import { getNodeOfPath, stripsJsonSuffix } from './lookup.js'
import { checkNodeDeletable } from './delete-rules.js'
import { patchNode } from './patch.js'
import { NODE_SCHEMA, normalizeNodeValues } from './schema.js'
import { loadNodeExtras, nodeView } from './view.js'
import {
  chassisIdFor,
  checkDriverServed,
  checkNodeName,
  nodeConflict,
  parentNodeUuid,
  toColumns,
} from './write.js'

export function registerNodeRoutes(app: FastifyInstance): void {
  const missingIdent = () => {
    throw new InvalidParameterValueError('Missing mandatory parameter: node_ident')
  }
  registerCollection(app, {
    GET: (req, reply) => listHandler(req, reply, false),
    POST: createHandler,
    PATCH: missingIdent,
    DELETE: missingIdent,
  })
  route(app, '/v1/nodes.json', {
    GET: (req, reply) => {
      if (!stripsJsonSuffix(req)) throw new NotFoundError()
      return listHandler(req, reply, false)
    },
  })
  route(app, '/v1/nodes/detail', { GET: (req, reply) => listHandler(req, reply, true) })
  route(app, '/v1/nodes/:ident', {
    GET: showHandler,
    PATCH: patchHandler,
    DELETE: deleteHandler,
    // pecan hands the path segment to NodesController.post as the body
    POST: (req: IdentReq) => {
      throw new InvalidParameterValueError(
        `Schema error for node: ${pyRepr(req.params.ident)} is not of type 'object'`,
      )
    },
  })
}

/**
 * /v1/nodes as pecan serves it: other methods (HEAD included) are 405 with an `Allow` header,
 * OPTIONS is an empty 200.
 */
function registerCollection(app: FastifyInstance, handlers: Record<string, Handler>): void {
  const allow = Object.keys(handlers).sort().join(', ')
  const notAllowed = (req: FastifyRequest) => {
    throw new IronicError(`The method ${req.method} is not allowed for this resource.`, {
      code: 'METHOD_NOT_ALLOWED',
      status: 405,
      headers: { Allow: allow },
    })
  }
  for (const [method, handler] of Object.entries(handlers)) {
    app.route({ method: method as HTTPMethods, url: '/v1/nodes', handler, exposeHeadRoute: false })
  }
  app.route({ method: ['PUT', 'HEAD'], url: '/v1/nodes', handler: notAllowed })
  app.route({ method: 'OPTIONS', url: '/v1/nodes', handler: (_req, reply) => reply.code(200).send() })
}

export { listHandler }

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const { deps } = req.server
  // Ironic finds the node (404) before it looks at the fields (406, 400)
  const node = await getNodeOfPath(req, req.params.ident, true)
  const fields = parseFields(req.query as Query, NODE_FIELDS, req.minor, NODE_OPT_IN_FIELDS)
  const extras = await loadNodeExtras(deps.database, [node], { minor: req.minor, fields })
  void reply.header('ETag', etagOf(node))
  return nodeView(node, extras, {
    minor: req.minor,
    base: baseUrl(req, deps.settings.publicEndpoint),
    fields,
    conductors: deps.conductors,
  })
}

async function createHandler(req: FastifyRequest, reply: FastifyReply) {
  const { deps } = req.server
  const minor = req.minor
  // an empty body is an empty node to Ironic: "'driver' is a required property"
  const body = req.body === undefined ? {} : req.body
  validateSchema('node', NODE_SCHEMA, body)
  const values = { ...(body as Record<string, unknown>) }
  normalizeNodeValues(values)
  rejectTooNewFields(values, minor)
  const uuid = (values.uuid as string | undefined) || newUuid()
  checkNodeName(values.name, minor, 'create')
  checkOwner(values)
  if (values.parent_node) {
    values.parent_node = await parentNodeUuid(deps.database, String(values.parent_node), null, minor)
  }
  const chassisId = await chassisIdFor(deps.database, values.chassis_uuid)
  const driver = values.driver as string
  checkDriverServed(deps, { uuid, driver, conductor_group: String(values.conductor_group ?? '') })
  const requested = Object.fromEntries(
    Object.entries(values).filter(([k]) => k.endsWith('_interface')),
  ) as Record<string, string | null>
  const row = {
    ...toColumns(values),
    ...deps.drivers.resolveInterfaces(driver, requested),
    uuid,
    driver,
    chassis_id: chassisId,
    conductor_group: (values.conductor_group as string | null | undefined) || '',
    resource_class: (values.resource_class as string | null | undefined) || deps.settings.defaultResourceClass,
    provision_state: minor >= MINOR.ENROLL_STATE ? 'enroll' : 'available',
    maintenance: values.maintenance ? 1 : 0,
    console_enabled: values.console_enabled ? 1 : 0,
    retired: values.retired ? 1 : 0,
    disable_power_off: values.disable_power_off ? 1 : 0,
    protected: 0,
    created_at: isoTimestamp(deps.clock.now()),
  }
  let node: NodeRecord
  try {
    const chassisUuid = chassisId === null ? null : (values.chassis_uuid as string)
    node = await insertNode(deps.database.db, row as Parameters<typeof insertNode>[1], chassisUuid)
  } catch (err) {
    nodeConflict(err, values, uuid)
  }
  const base = baseUrl(req, deps.settings.publicEndpoint)
  // a new node has neither traits nor tags
  const extras = { traits: new Map<number, string[]>(), tags: new Map<number, string[]>() }
  void reply.code(201).header('Location', `${base}/v1/nodes/${uuid}`).header('ETag', etagOf(node))
  return nodeView(node, extras, { minor, base, fields: undefined, conductors: deps.conductors })
}

/**
 * Anvil's API has no authentication, which Ironic treats as a request scoped to no project:
 * with `[api]project_admin_can_manage_own_nodes` (default) a node can only be created owned
 * by the requester's project, i.e. by none. The owner can be set later with PATCH.
 */
function checkOwner(values: Record<string, unknown>): void {
  if (values.owner) {
    throw new ClientSideError(
      'Cannot create a node as a project scoped admin with an owner other than your own project.',
    )
  }
  values.owner = null
}

/** A field newer than the request's version may not be set (Ironic answers 406). */
function rejectTooNewFields(values: Record<string, unknown>, minor: number): void {
  for (const [name, value] of Object.entries(values)) {
    const spec = NODE_FIELDS.byName.get(name)
    if (!spec || spec.since <= minor) continue
    const empty = name === 'conductor_group' ? '' : null
    if (name === 'name' && value === null) continue
    if (value !== empty && value !== undefined) {
      throw Object.assign(new ClientSideError('Request not acceptable.', 406), { code: 'NOT_ACCEPTABLE' })
    }
  }
}

async function patchHandler(req: IdentReq) {
  const { deps } = req.server
  const node = await getNodeOfPath(req, req.params.ident)
  checkIfMatch(req, etagOf(node))
  const resetInterfaces = param(req.query as Query, 'reset_interfaces')
  const saved = await patchNode(req, node, req.body, resetInterfaces)
  // Ironic answers with the node as its conductor saved it: inside its lock, so reserved by it
  const updated = { ...saved, reservation: saved.reservation ?? deps.conductors.conductorFor(saved) }
  const extras = await loadNodeExtras(deps.database, [updated], { minor: req.minor, fields: undefined })
  return nodeView(updated, extras, {
    minor: req.minor,
    base: baseUrl(req, deps.settings.publicEndpoint),
    fields: undefined,
    conductors: deps.conductors,
  })
}

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  const { deps } = req.server
  const node = await getNodeOfPath(req, req.params.ident)
  checkIfMatch(req, etagOf(node))
  checkNodeDeletable(node, deps.settings)
  await deleteNode(deps.database.db, node.id)
  return reply.code(204).send()
}
