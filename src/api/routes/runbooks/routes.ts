/**
 * @module /v1/runbooks (≥1.92): list, show, create, update (JSON PATCH), delete; traits from
 * 1.112 (`traits.ts`). A runbook is a named list of steps a node runs for `clean` or `service`
 * when it is approved for the node (its name, or from 1.112 one of its traits, is a node trait).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import { IronicError, PreconditionFailedError } from '../../../common/errors.js'
import { newUuid } from '../../../common/uuid.js'
import {
  deleteRunbook,
  findRunbook,
  insertRunbook,
  listRunbooks,
  runbookMarker,
  updateRunbook,
} from '../../../db/repos/runbooks.js'
import { NODE_FIELDS } from '../../fields/nodes.js'
import { RUNBOOK_FIELDS, RUNBOOK_UNSORTABLE, runbookPatchAllowed } from '../../fields/runbooks.js'
import { baseUrl, checkIfMatch, etagOf, route } from '../../http.js'
import { checkPatch } from '../../json-patch.js'
import type { Query } from '../../query.js'
import { markerName } from '../../step-templates.js'
import { kwargsOf, validateArgs } from '../node-misc/args.js'
import { booleanArg, integerArg, queryArgs, stringListArg, uuidOrNameArg } from '../ports/args.js'
import {
  checkFieldVersions,
  nextHref,
  returnFields,
  sortColumn,
  validateLimit,
  validateSortDir,
} from '../ports/collection.js'
import { patchRunbook } from './patch.js'
import { createSchema, storedSteps, validateRunbook } from './schema.js'
import { registerRunbookTraitRoutes } from './traits.js'
import {
  checkRunbookFields,
  loadRunbook,
  runbookConflict,
  runbookNotFound,
  runbooksGate,
  runbookView,
} from './view.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

/** Registers the runbook endpoints, their traits included. */
export function registerRunbookRoutes(app: FastifyInstance): void {
  route(app, '/v1/runbooks', { GET: runbooksGate(listHandler), POST: runbooksGate(createHandler) })
  route(app, '/v1/runbooks/:ident', {
    GET: runbooksGate(showHandler),
    PATCH: runbooksGate(patchHandler),
    DELETE: runbooksGate(deleteHandler),
  })
  registerRunbookTraitRoutes(app)
}

const SORT = { fields: RUNBOOK_FIELDS, unsortable: RUNBOOK_UNSORTABLE }

/**
 * Where a page starts, with Ironic's order of checks: a sort key refused by name, then the
 * marker (404), then a sort key that is no column.
 */
async function pagePosition(req: FastifyRequest, marker: string | undefined, sortKey: string) {
  const db = req.server.deps.database.db
  if (RUNBOOK_UNSORTABLE.includes(sortKey)) sortColumn(sortKey, SORT, req.minor)
  const found = marker === undefined ? undefined : await runbookMarker(db, marker, 'id')
  if (marker !== undefined && !found) throw runbookNotFound(marker)
  const column = sortColumn(sortKey, SORT, req.minor)
  const after =
    marker !== undefined && column !== 'id' ? await runbookMarker(db, marker, column) : found
  return { column, after }
}

async function listHandler(req: FastifyRequest) {
  const { database, settings } = req.server.deps
  const q = queryArgs(req.query as Query, [
    'marker',
    'limit',
    'sort_key',
    'sort_dir',
    'fields',
    'detail',
    'project',
  ])
  if (q.marker !== undefined) markerName('marker', q.marker)
  const rawLimit = integerArg('limit', q.limit)
  const sortKey = q.sort_key ?? 'id'
  const requested = stringListArg(q.fields)
  const detail = booleanArg('detail', q.detail)
  const project = booleanArg('project', q.project)
  // Ironic checks `fields` and `sort_key` against the node fields' versions.
  checkFieldVersions(NODE_FIELDS, requested, req.minor)
  checkFieldVersions(NODE_FIELDS, [sortKey], req.minor)
  const fields = returnFields(requested, detail, RUNBOOK_FIELDS.listDefault, req.minor)
  const limit = validateLimit(rawLimit, settings.maxLimit)
  const sortDir = validateSortDir(q.sort_dir)
  const { column, after } = await pagePosition(req, q.marker, sortKey)
  // `project=true`: the requester's project (none without authentication) or public ones.
  const filters = project ? { project: null } : {}
  const page = { limit, after, sortColumn: column, sortDir }
  const rows = await listRunbooks(database.db, page, filters)
  if (rows.length > 0) checkRunbookFields(fields, req.minor)
  const runbooks = rows.map((rb) => runbookView(rb, req, fields))
  const base = baseUrl(req, settings.publicEndpoint)
  const next = nextHref(base, 'runbooks', rows, limit, { sortKey, sortDir, detail, fields })
  return next ? { runbooks, next } : { runbooks }
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const q = queryArgs(req.query as Query, ['fields'])
  const ident = uuidOrNameArg('runbook_ident', req.params.ident) as string
  const fields = stringListArg(q.fields)
  const rb = await loadRunbook(req.server.deps.database, ident)
  checkFieldVersions(NODE_FIELDS, fields, req.minor)
  checkRunbookFields(fields, req.minor)
  void reply.header('ETag', etagOf(rb))
  return runbookView(rb, req, fields)
}

/**
 * Without authentication a request is scoped to no project (Ironic's `system_scope` is not
 * `all`): a runbook can only be created without an owner; `public` is allowed.
 */
function checkOwner(values: Record<string, unknown>): void {
  if (values.owner) {
    throw new IronicError(
      'Cannot create a runbook as a project scoped admin with an owner other than your own project.',
    )
  }
}

async function createHandler(req: FastifyRequest, reply: FastifyReply) {
  const { database, clock, settings } = req.server.deps
  queryArgs(req.query as Query, [])
  const body = req.body === undefined ? {} : req.body
  const values = validateRunbook('runbook', body, createSchema(req.minor))
  checkOwner(values)
  const uuid = (values.uuid as string | null | undefined) || newUuid()
  const row = {
    uuid,
    name: values.name as string,
    description: (values.description as string | null | undefined) ?? null,
    public: values.public ? 1 : 0,
    owner: null,
    disable_ramdisk: values.disable_ramdisk ? 1 : 0,
    extra: JSON.stringify(values.extra ?? {}),
    created_at: isoTimestamp(clock.now()),
  }
  let id: number
  try {
    id = await insertRunbook(database.db, row, storedSteps(values.steps))
  } catch (err) {
    runbookConflict(err, { name: values.name, uuid })
  }
  const rb = (await findRunbook(database.db, { id }))!
  const base = baseUrl(req, settings.publicEndpoint)
  void reply.code(201).header('Location', `${base}/v1/runbooks/${uuid}`).header('ETag', etagOf(rb))
  return runbookView(rb, req)
}

async function patchHandler(req: IdentReq, reply: FastifyReply) {
  const { database, clock } = req.server.deps
  queryArgs(req.query as Query, [])
  const ident = uuidOrNameArg('runbook_ident', req.params.ident) as string
  const ops = checkPatch(req.body, runbookPatchAllowed(req.minor), req.minor)
  const rb = await loadRunbook(database, ident)
  checkIfMatch(req, etagOf(rb))
  const changes = patchRunbook(rb, ops)
  if (changes === undefined) {
    void reply.header('ETag', etagOf(rb))
    return runbookView(rb, req)
  }
  let updated: boolean
  try {
    updated = await updateRunbook(database.db, rb.id, changes, {
      revision: rb.revision,
      updatedAt: isoTimestamp(clock.now()),
    })
  } catch (err) {
    runbookConflict(err, { name: changes.columns.name })
  }
  if (!updated)
    throw new PreconditionFailedError('The runbook was changed by another request; retry.')
  const after = (await findRunbook(database.db, { id: rb.id }))!
  void reply.header('ETag', etagOf(after))
  return runbookView(after, req)
}

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  validateArgs(kwargsOf(req, { bodyArgs: true }), [])
  const ident = uuidOrNameArg('runbook_ident', req.params.ident) as string
  const rb = await loadRunbook(req.server.deps.database, ident)
  checkIfMatch(req, etagOf(rb))
  await deleteRunbook(req.server.deps.database.db, rb.id)
  return reply.code(204).send()
}
