/**
 * @module /v1/conductors (from 1.49): every registered conductor, online or not, with `alive`
 * computed from its last heartbeat.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import {
  ClientSideError,
  InvalidParameterValueError,
  IronicError,
  NotFoundError,
} from '../../../common/errors.js'
import {
  findConductor,
  listConductors,
  type ConductorRecord,
} from '../../../db/repos/conductors.js'
import type { PageRequest } from '../../../db/repos/paging.js'
import type { Tables } from '../../../db/tables.js'
import {
  CONDUCTOR_FIELDS,
  CONDUCTOR_SORT_COLUMNS,
  CONDUCTOR_UNSORTABLE,
} from '../../fields/conductors.js'
import { NODE_FIELDS } from '../../fields/nodes.js'
import { baseUrl, links, route } from '../../http.js'
import { notAcceptable, type Query } from '../../query.js'
import { columnValue } from '../../serialize.js'
import { MINOR } from '../../versions.js'
import {
  booleanArg,
  checkArgs,
  integerArg,
  nameArg,
  selectFields,
  stringArg,
  stringListArg,
} from '../drivers/args.js'
import { heartbeatCutoff } from '../drivers/view.js'

type HostReq = FastifyRequest<{ Params: { hostname: string } }>

export function registerConductorRoutes(app: FastifyInstance): void {
  route(app, '/v1/conductors', { GET: listHandler })
  route(app, '/v1/conductors/:hostname', { GET: showHandler })
}

function conductorNotFound(hostname: string): IronicError {
  return new IronicError(`Conductor ${hostname} could not be found.`, {
    code: 'CONDUCTOR_NOT_FOUND',
    status: 404,
  })
}

/** Below 1.49 the endpoint does not exist. */
function checkExposed(minor: number): void {
  if (minor < MINOR.CONDUCTORS) throw new NotFoundError('Resource could not be found.')
}

/**
 * Ironic checks `fields` and `sort_key` against the node fields' versions
 * (`check_allowed_fields`): a node field newer than the request is a bare 406.
 */
function checkAllowedFields(names: readonly string[] | undefined, minor: number): void {
  for (const name of names ?? []) {
    const spec = NODE_FIELDS.byName.get(name)
    if (spec && spec.since > minor) throw notAcceptable()
  }
}

/** The API object of a conductor, in Ironic's key order. */
function conductorView(
  row: ConductorRecord,
  base: string,
  cutoff: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const spec of CONDUCTOR_FIELDS.all) {
    if (spec.kind !== 'computed')
      out[spec.name] = columnValue(spec, row[spec.name as keyof ConductorRecord])
  }
  // Ironic lists hardware types in entry-point order, which is alphabetical.
  if (Array.isArray(out.drivers)) out.drivers = [...(out.drivers as string[])].sort()
  out.links = links(base, `conductors/${row.hostname}`)
  out.alive = (row.updated_at ?? row.created_at) >= cutoff
  return out
}

interface ListArgs {
  marker: string | undefined
  limit: number | undefined
  sortKey: string
  sortDir: string
  fields: string[] | undefined
  detail: boolean | undefined
}

function parseListArgs(query: Query): ListArgs {
  checkArgs(query, ['marker', 'limit', 'sort_key', 'sort_dir', 'fields', 'detail'])
  return {
    marker: nameArg(query.marker, 'marker'),
    limit: integerArg(query, 'limit'),
    sortKey: stringArg(query, 'sort_key') ?? 'id',
    sortDir: stringArg(query, 'sort_dir') ?? 'asc',
    fields: stringListArg(query, 'fields'),
    detail: booleanArg(query, 'detail'),
  }
}

/** Ironic's `get_request_return_fields`: the fields to show, or undefined for all. */
function returnFields(args: ListArgs): string[] | undefined {
  if (args.fields !== undefined && args.detail) {
    throw new InvalidParameterValueError(
      'Can not specify ?detail=True and fields in the same request.',
    )
  }
  return args.fields ?? (args.detail ? undefined : [...CONDUCTOR_FIELDS.listDefault])
}

/** `limit` (capped at `[api]max_limit`) and `sort_dir`/`sort_key` before the marker. */
function checkPaging(args: ListArgs, maxLimit: number): number {
  if (args.limit !== undefined && args.limit <= 0) {
    throw new ClientSideError('Limit must be positive')
  }
  if (args.sortDir !== 'asc' && args.sortDir !== 'desc') {
    throw new ClientSideError(
      `Invalid sort direction: ${args.sortDir}. Acceptable values are 'asc' or 'desc'`,
    )
  }
  if (CONDUCTOR_UNSORTABLE.includes(args.sortKey)) {
    throw new InvalidParameterValueError(
      `The sort_key value ${args.sortKey} is an invalid field for sorting`,
    )
  }
  return Math.min(args.limit ?? maxLimit, maxLimit)
}

/** The page request: the marker row first (404), then the sort column (400), as Ironic. */
async function pageOf(db: Kysely<Tables>, args: ListArgs, limit: number): Promise<PageRequest> {
  const marker = args.marker !== undefined ? await findConductor(db, args.marker) : undefined
  if (args.marker !== undefined && !marker) throw conductorNotFound(args.marker)
  const sortColumn = CONDUCTOR_SORT_COLUMNS[args.sortKey]
  if (sortColumn === undefined) {
    throw new InvalidParameterValueError(
      `The sort_key value "${args.sortKey}" is an invalid field for sorting`,
    )
  }
  const after = marker
    ? { id: marker.id, value: (marker as unknown as Record<string, unknown>)[sortColumn] }
    : undefined
  return { limit, after, sortColumn, sortDir: args.sortDir as 'asc' | 'desc' }
}

/** Ironic's next link: sort, detail and the shown fields, then limit and marker. */
function nextOf(base: string, args: ListArgs, shown: string[] | undefined, page: PageRequest) {
  const keep = [`sort_key=${args.sortKey}`, `sort_dir=${args.sortDir}`]
  if (args.detail !== undefined) keep.push(`detail=${args.detail ? 'True' : 'False'}`)
  if (shown && shown.length > 0) keep.push(`fields=${shown.join(',')}`)
  return `${base}/v1/conductors?${keep.join('&')}&limit=${page.limit}&marker=`
}

async function listHandler(req: FastifyRequest) {
  const { deps } = req.server
  const args = parseListArgs(req.query as Query)
  checkExposed(req.minor)
  checkAllowedFields(args.fields, req.minor)
  checkAllowedFields([args.sortKey], req.minor)
  const shown = returnFields(args)
  const limit = checkPaging(args, deps.settings.maxLimit)
  const page = await pageOf(deps.database.db, args, limit)
  const rows = await listConductors(deps.database.db, page)
  const base = baseUrl(req, deps.settings.publicEndpoint)
  const cutoff = heartbeatCutoff(req)
  const conductors = rows.map((r) => selectFields(conductorView(r, base, cutoff), shown))
  const last = rows.at(-1)
  if (!last || rows.length < limit) return { conductors }
  return { conductors, next: nextOf(base, args, shown, page) + last.hostname }
}

async function showHandler(req: HostReq) {
  const { deps } = req.server
  const query = req.query as Query
  checkArgs(query, ['fields'])
  const hostname = nameArg(req.params.hostname, 'hostname')!
  const fields = stringListArg(query, 'fields')
  checkExposed(req.minor)
  checkAllowedFields(fields, req.minor)
  const row = await findConductor(deps.database.db, hostname)
  if (!row) throw conductorNotFound(hostname)
  const base = baseUrl(req, deps.settings.publicEndpoint)
  return selectFields(conductorView(row, base, heartbeatCutoff(req)), fields)
}
