/**
 * @module /v1/nodes/{node}/history (≥1.78): a node's events, paged, and one event (Ironic's
 * `NodeHistoryController`). Events are recorded by the conductor (`conductor/history.ts`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  ClientSideError,
  InvalidParameterValueError,
  NotFoundError,
} from '../../../common/errors.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { baseUrl, route } from '../../http.js'
import { MINOR } from '../../versions.js'
import {
  boolean,
  integer,
  kwargsOf,
  string,
  uuid,
  uuidOrName,
  validateArgs,
} from '../node-misc/args.js'
import { pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { findHistory, HISTORY_SORT_COLUMNS, listHistory, type HistoryRecord } from './store.js'
import { detailFields, historyView, STANDARD_FIELDS } from './view.js'

type EventRequest = FastifyRequest<{ Params: { ident: string; event: string } }>

/** Registers the node history endpoints. */
export function registerNodeHistoryRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/history', { GET: listEvents })
  route(app, '/v1/nodes/:ident/history/:event', { GET: showEvent })
}

/** The node segment first (Ironic's `_lookup`), then the version (404 before 1.78). */
function gate(req: NodeRequest): void {
  uuidOrName('node', req.params.ident)
  if (req.minor < MINOR.NODE_HISTORY) throw new NotFoundError()
}

function historyNotFound(id: string): NotFoundError {
  return new NotFoundError(`Node history record ${id} could not be found.`)
}

interface ListArgs {
  detail: boolean
  marker: string | undefined
  limit: number
  sortKey: string
  sortDir: 'asc' | 'desc'
  /** whether the client named a sort (Ironic 21.4 had none; master echoes it in `next`) */
  sorted: boolean
}

function listArgs(req: FastifyRequest): ListArgs {
  // Ironic's own `next` links carry `fields` and a second `marker`: take the one, the last other.
  const kwargs = kwargsOf(req, { bodyArgs: false })
  if (Array.isArray(kwargs.marker)) kwargs.marker = kwargs.marker.at(-1)
  const a = validateArgs(kwargs, [
    ['detail', boolean],
    ['marker', uuid],
    ['limit', integer],
    ['sort_key', string],
    ['sort_dir', string],
    ['fields', (_n, v) => v],
  ])
  const maxLimit = req.server.deps.settings.maxLimit
  const limit = (a.limit as number | null | undefined) ?? null
  if (limit !== null && limit <= 0) throw new ClientSideError('Limit must be positive')
  const sortDir = (a.sort_dir as string | null | undefined) ?? 'asc'
  if (sortDir !== 'asc' && sortDir !== 'desc') {
    throw new ClientSideError(
      `Invalid sort direction: ${sortDir}. Acceptable values are 'asc' or 'desc'`,
    )
  }
  const sortKey = (a.sort_key as string | null | undefined) ?? 'created_at'
  if (!Object.hasOwn(HISTORY_SORT_COLUMNS, sortKey)) {
    throw new InvalidParameterValueError(
      `The sort_key value "${sortKey}" is an invalid field for sorting`,
    )
  }
  return {
    detail: a.detail === true,
    marker: (a.marker as string | null | undefined) ?? undefined,
    limit: limit === null ? maxLimit : Math.min(limit, maxLimit),
    sortKey,
    sortDir,
    sorted: a.sort_key !== undefined || a.sort_dir !== undefined,
  }
}

/**
 * Ironic's `next` link, byte for byte but for the marker: Ironic prints the marker object's
 * repr (or `None`) as a first `marker=`; we print its UUID.
 */
function nextLink(
  req: NodeRequest,
  args: ListArgs,
  items: readonly HistoryRecord[],
): string | undefined {
  const last = items.at(-1)
  if (!last || items.length !== args.limit) return undefined
  const fields = (args.detail ? detailFields(req.minor) : STANDARD_FIELDS).join(',')
  const sort = args.sorted ? `sort_key=${args.sortKey}&sort_dir=${args.sortDir}&` : ''
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  return (
    `${base}/v1/nodes/${req.params.ident}/history?marker=${args.marker ?? 'None'}&${sort}` +
    `fields=${fields}&limit=${args.limit}&marker=${last.uuid}`
  )
}

async function listEvents(req: NodeRequest) {
  gate(req)
  const args = listArgs(req)
  const node = await pathNode(req, 'node')
  const db = req.server.deps.database.db
  const marker = args.marker === undefined ? undefined : await findHistory(db, args.marker)
  if (args.marker !== undefined && !marker) throw historyNotFound(args.marker)
  const items = await listHistory(db, node.id, {
    limit: args.limit,
    sortColumn: HISTORY_SORT_COLUMNS[args.sortKey] ?? 'created_at',
    sortDir: args.sortDir,
    ...(marker ? { marker } : {}),
  })
  const history = items.map((e) => view(req, node, e, args.detail))
  const next = nextLink(req, args, items)
  return next === undefined ? { history } : { history, next }
}

function view(req: FastifyRequest, node: NodeRecord, e: HistoryRecord, detail: boolean) {
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  return historyView(e, { base, nodeUuid: node.uuid, detail, minor: req.minor })
}

async function showEvent(req: EventRequest) {
  gate(req)
  validateArgs({ ...kwargsOf(req, { bodyArgs: false }), event: req.params.event }, [
    ['event', uuidOrName],
  ])
  const node = await pathNode(req, 'node')
  const event = await findHistory(req.server.deps.database.db, req.params.event)
  // Ironic shows any node's event here; Anvil only the node's own.
  if (!event || event.node_id !== node.id) throw historyNotFound(req.params.event)
  return view(req, node, event, true)
}
