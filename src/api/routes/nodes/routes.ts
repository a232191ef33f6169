/**
 * @module /v1/nodes: list, detail, show, create, update (JSON PATCH), delete.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import { ClientSideError, InvalidParameterValueError } from '../../../common/errors.js'
import { newUuid } from '../../../common/uuid.js'
import { deleteNode, insertNode, listNodes, nodeMarker, findNode } from '../../../db/repos/nodes.js'
import { NODE_FIELDS, NODE_OPT_IN_FIELDS } from '../../fields/nodes.js'
import { baseUrl, checkIfMatch, etagOf, route } from '../../http.js'
import { checkArgs, nextLink, parseDetail, parseFields, parsePage, param, type Query } from '../../query.js'
import { validateSchema } from '../../schema.js'
import { MINOR } from '../../versions.js'
import { NODE_LIST_ARGS, parseNodeFilters } from './filters.js'
import { getNode, nodeNotFound } from './lookup.js'
import { checkNodeDeletable } from './delete-rules.js'
import { patchNode } from './patch.js'
import { NODE_SCHEMA, normalizeNodeValues } from './schema.js'
import { loadNodeExtras, nodeView } from './view.js'
import { chassisIdFor, checkDriverServed, checkNodeName, nodeConflict, toColumns } from './write.js'

export function registerNodeRoutes(app: FastifyInstance): void {
  const missingIdent = () => {
    throw new InvalidParameterValueError('Missing mandatory parameter: node_ident')
  }
  route(app, '/v1/nodes', {
    GET: (req) => listHandler(req, false),
    POST: createHandler,
    PATCH: missingIdent,
    DELETE: missingIdent,
  })
  route(app, '/v1/nodes/detail', { GET: (req) => listHandler(req, true) })
  route(app, '/v1/nodes/:ident', { GET: showHandler, PATCH: patchHandler, DELETE: deleteHandler })
}

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

/** GET /v1/nodes[/detail]; also serves /v1/chassis/{uuid}/nodes[/detail]. */
export async function listHandler(req: FastifyRequest, detailPath: boolean) {
  const { deps } = req.server
  const query = req.query as Query
  const minor = req.minor
  checkArgs(query, detailPath ? NODE_LIST_ARGS.filter((a) => a !== 'fields' && a !== 'detail') : NODE_LIST_ARGS)
  const fields = parseFields(query, NODE_FIELDS, minor, NODE_OPT_IN_FIELDS)
  const detail = detailPath || parseDetail(query, minor, fields !== undefined)
  const page = parsePage(query, NODE_FIELDS, minor, deps.settings.maxLimit)
  const { conductor, ...filters } = await parseNodeFilters(deps.database, query, minor)
  const after = page.marker ? await nodeMarker(deps.database.db, page.marker, page.sortKey) : undefined
  if (page.marker && !after) throw nodeNotFound(page.marker)
  let rows = await listNodes(deps.database.db, filters, {
    limit: page.limit,
    after,
    sortColumn: page.sortKey,
    sortDir: page.sortDir,
  })
  if (conductor !== undefined) {
    rows = rows.filter((n) => deps.conductors.conductorFor(n) === conductor)
  }
  const shown = detail ? undefined : (fields ?? defaultListFields(minor))
  const extras = await loadNodeExtras(deps.database, rows, { minor, fields: shown })
  const base = baseUrl(req, deps.settings.publicEndpoint)
  const nodes = rows.map((n) =>
    nodeView(n, extras, { minor, base, fields: shown, conductors: deps.conductors }),
  )
  const keep: Record<string, string | undefined> = { sort_key: page.sortKey, sort_dir: page.sortDir }
  for (const k of Object.keys(query)) {
    if (!['limit', 'marker', 'fields', 'sort_key', 'sort_dir'].includes(k)) keep[k] = param(query, k)
  }
  if (shown && minor >= MINOR.FETCHING_SUBSET_OF_FIELDS) keep.fields = shown.join(',')
  const next = nextLink(base, detailPath ? 'nodes/detail' : 'nodes', rows.length, page, rows.at(-1)?.uuid, keep)
  return next ? { nodes, next } : { nodes }
}

function defaultListFields(minor: number): string[] {
  return NODE_FIELDS.listDefault.filter((f) => (NODE_FIELDS.byName.get(f)?.since ?? 1) <= minor)
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const { deps } = req.server
  const fields = parseFields(req.query as Query, NODE_FIELDS, req.minor, NODE_OPT_IN_FIELDS)
  const node = await getNode(deps.database, req.params.ident, req.minor)
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
  const body = req.body
  validateSchema('node', NODE_SCHEMA, body ?? null)
  const values = { ...(body as Record<string, unknown>) }
  normalizeNodeValues(values)
  rejectTooNewFields(values, minor)
  const uuid = (values.uuid as string | undefined) || newUuid()
  checkNodeName(values.name, minor, 'create')
  const driver = values.driver as string
  checkDriverServed(deps, { uuid, driver, conductor_group: String(values.conductor_group ?? '') })
  const requested = Object.fromEntries(
    Object.entries(values).filter(([k]) => k.endsWith('_interface')),
  ) as Record<string, string | null>
  const interfaces = deps.drivers.resolveInterfaces(driver, requested)
  const chassisId = await chassisIdFor(deps.database, values.chassis_uuid)
  const now = isoTimestamp(deps.clock.now())
  const row = {
    ...toColumns(values),
    ...interfaces,
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
    created_at: now,
  }
  let id: number
  try {
    id = await insertNode(deps.database.db, row as Parameters<typeof insertNode>[1])
  } catch (err) {
    nodeConflict(err, values, uuid)
  }
  const node = await findNode(deps.database.db, { id })
  if (!node) throw nodeNotFound(uuid)
  const base = baseUrl(req, deps.settings.publicEndpoint)
  const extras = await loadNodeExtras(deps.database, [node], { minor, fields: undefined })
  void reply.code(201).header('Location', `${base}/v1/nodes/${uuid}`).header('ETag', etagOf(node))
  return nodeView(node, extras, { minor, base, fields: undefined, conductors: deps.conductors })
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
  const node = await getNode(deps.database, req.params.ident, req.minor)
  checkIfMatch(req, etagOf(node))
  const resetInterfaces = param(req.query as Query, 'reset_interfaces')
  const updated = await patchNode(req, node, req.body, resetInterfaces)
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
  const node = await getNode(deps.database, req.params.ident, req.minor)
  checkIfMatch(req, etagOf(node))
  checkNodeDeletable(node, deps.settings)
  await deleteNode(deps.database.db, node.id)
  return reply.code(204).send()
}
