/**
 * @module /v1/deploy_templates (≥1.55): list, show, create, update (JSON PATCH), delete.
 * A template is named after a trait; deploying a node whose instance asks for that trait runs
 * the template's deploy steps.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import { ConflictError, NotFoundError } from '../../../common/errors.js'
import { maskDictPassword } from '../../../common/mask.js'
import { isUuidLike } from '../../../common/uuid.js'
import { uniqueViolation } from '../../../db/errors.js'
import {
  deleteDeployTemplate,
  deployTemplateMarker,
  findDeployTemplate,
  insertDeployTemplate,
  listDeployTemplates,
  type DeployTemplateRecord,
  type TemplateStep,
  updateDeployTemplate,
} from '../../../db/repos/deploy-templates.js'
import { newUuid } from '../../../common/uuid.js'
import {
  DEPLOY_TEMPLATE_AFTER_LINKS,
  DEPLOY_TEMPLATE_FIELDS,
  DEPLOY_TEMPLATE_UNSORTABLE,
} from '../../fields/deploy-templates.js'
import { baseUrl, checkIfMatch, etagOf, route } from '../../http.js'
import type { Query } from '../../query.js'
import { markerName, versionGate } from '../../step-templates.js'
import { MINOR } from '../../versions.js'
import { validateArgs } from '../node-misc/args.js'
import { booleanArg, integerArg, queryArgs, stringListArg, uuidOrNameArg } from '../ports/args.js'
import {
  checkFieldsAllowed,
  checkFieldsExist,
  nextHref,
  returnFields,
  sortColumn,
  validateLimit,
  validateSortDir,
} from '../ports/collection.js'
import { resourceView } from '../ports/view.js'
import { patchTemplate } from './patch.js'
import { validateTemplate } from './schema.js'

type IdentReq = FastifyRequest<{ Params: { ident: string } }>

/** Every handler needs 1.55: older clients get pecan's 404 (GET) or 405. */
const gated = versionGate(MINOR.DEPLOY_TEMPLATES, 'The API version does not allow deploy templates')

export function registerDeployTemplateRoutes(app: FastifyInstance): void {
  route(app, '/v1/deploy_templates', { GET: gated(listHandler), POST: gated(createHandler) })
  route(app, '/v1/deploy_templates/:ident', {
    GET: gated(showHandler),
    PATCH: gated(patchHandler),
    DELETE: gated(deleteHandler),
  })
}

/** 404 `DeployTemplateNotFound`. */
export function templateNotFound(ident: string): NotFoundError {
  return new NotFoundError(`Deploy template ${ident} could not be found.`)
}

/** The API object of a template; step arguments have their secrets masked. */
export function templateView(
  t: DeployTemplateRecord,
  req: FastifyRequest,
  fields?: readonly string[],
) {
  const steps = t.steps.map((s) => ({ ...s, args: maskDictPassword(s.args) }))
  return resourceView(
    {
      fields: DEPLOY_TEMPLATE_FIELDS,
      path: `deploy_templates/${t.uuid}`,
      afterLinks: DEPLOY_TEMPLATE_AFTER_LINKS,
      computed: { steps },
    },
    t as unknown as Record<string, unknown>,
    { minor: req.minor, base: baseUrl(req, req.server.deps.settings.publicEndpoint), fields },
  )
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
  ])
  if (q.marker !== undefined) validateArgs({ marker: q.marker }, [['marker', markerName]])
  const rawLimit = integerArg('limit', q.limit)
  const sortKey = q.sort_key ?? 'id'
  const detail = booleanArg('detail', q.detail)
  const fields = returnFields(
    stringListArg(q.fields),
    detail,
    DEPLOY_TEMPLATE_FIELDS.listDefault,
    req.minor,
  )
  checkFieldsAllowed(fields, req.minor)
  const limit = validateLimit(rawLimit, settings.maxLimit)
  const sortDir = validateSortDir(q.sort_dir)
  const column = sortColumn(
    sortKey,
    { fields: DEPLOY_TEMPLATE_FIELDS, unsortable: DEPLOY_TEMPLATE_UNSORTABLE },
    req.minor,
  )
  const after = q.marker ? await deployTemplateMarker(database.db, q.marker, column) : undefined
  if (q.marker && !after) throw templateNotFound(q.marker)
  const rows = await listDeployTemplates(database.db, { limit, after, sortColumn: column, sortDir })
  if (rows.length > 0) checkFieldsExist(DEPLOY_TEMPLATE_FIELDS, fields, req.minor)
  const templates = rows.map((t) => templateView(t, req, fields))
  const base = baseUrl(req, settings.publicEndpoint)
  const next = nextHref(base, 'deploy_templates', rows, limit, { sortKey, sortDir, detail, fields })
  return next ? { deploy_templates: templates, next } : { deploy_templates: templates }
}

/** The template of the path: UUID or name, checked as `args.uuid_or_name`. */
export async function pathTemplate(req: IdentReq): Promise<DeployTemplateRecord> {
  const ident = req.params.ident
  uuidOrNameArg('template_ident', ident)
  const db = req.server.deps.database.db
  const t = isUuidLike(ident)
    ? await findDeployTemplate(db, { uuid: ident })
    : await findDeployTemplate(db, { name: ident })
  if (!t) throw templateNotFound(ident)
  return t
}

async function showHandler(req: IdentReq, reply: FastifyReply) {
  const q = queryArgs(req.query as Query, ['fields'])
  const fields = stringListArg(q.fields)
  checkFieldsAllowed(fields, req.minor)
  const t = await pathTemplate(req)
  checkFieldsExist(DEPLOY_TEMPLATE_FIELDS, fields, req.minor)
  void reply.header('ETag', etagOf(t))
  return templateView(t, req, fields)
}

/** Steps as stored: a priority given as a digit string becomes a number. */
export function storedSteps(steps: unknown): TemplateStep[] {
  return (steps as Record<string, unknown>[]).map((s) => ({
    interface: String(s.interface),
    step: String(s.step),
    args: (s.args ?? {}) as Record<string, unknown>,
    priority: Number(s.priority),
  }))
}

/** 409 for a duplicate name or UUID. */
export function templateConflict(err: unknown, values: { name?: unknown; uuid?: unknown }): never {
  const column = uniqueViolation(err)
  if (column === 'name') {
    throw new ConflictError(
      `A deploy template with name ${String(values.name)} already exists.`,
      'DEPLOY_TEMPLATE_DUPLICATE_NAME',
    )
  }
  if (column === 'uuid') {
    throw new ConflictError(
      `A deploy template with UUID ${String(values.uuid)} already exists.`,
      'DEPLOY_TEMPLATE_ALREADY_EXISTS',
    )
  }
  throw err
}

async function createHandler(req: FastifyRequest, reply: FastifyReply) {
  const { database, clock } = req.server.deps
  queryArgs(req.query as Query, [])
  const body = req.body === undefined ? {} : req.body
  const values = validateTemplate('template', body, req.minor)
  const uuid = (values.uuid as string | null | undefined) || newUuid()
  const row = {
    uuid,
    name: values.name as string,
    extra: JSON.stringify(values.extra ?? {}),
    created_at: isoTimestamp(clock.now()),
  }
  let id: number
  try {
    id = await insertDeployTemplate(database.db, row, storedSteps(values.steps))
  } catch (err) {
    templateConflict(err, { name: values.name, uuid })
  }
  const t = (await findDeployTemplate(database.db, { id }))!
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  void reply
    .code(201)
    .header('Location', `${base}/v1/deploy_templates/${uuid}`)
    .header('ETag', etagOf(t))
  return templateView(t, req)
}

async function patchHandler(req: IdentReq, reply: FastifyReply) {
  const { database, clock } = req.server.deps
  queryArgs(req.query as Query, [])
  const t = await patchTemplate(req, pathTemplate)
  if (t.changes === undefined) return templateView(t.template, req)
  checkIfMatch(req, etagOf(t.template))
  try {
    await updateDeployTemplate(
      database.db,
      t.template.id,
      { ...t.changes.columns, updated_at: isoTimestamp(clock.now()) },
      t.changes.steps,
    )
  } catch (err) {
    templateConflict(err, { name: t.changes.columns.name })
  }
  const updated = (await findDeployTemplate(database.db, { id: t.template.id }))!
  void reply.header('ETag', etagOf(updated))
  return templateView(updated, req)
}

async function deleteHandler(req: IdentReq, reply: FastifyReply) {
  queryArgs(req.query as Query, [])
  const t = await pathTemplate(req)
  checkIfMatch(req, etagOf(t))
  await deleteDeployTemplate(req.server.deps.database.db, t.id)
  return reply.code(204).send()
}
