/**
 * @module GET /v1/nodes and /v1/nodes/detail (also /v1/chassis/{uuid}/nodes): argument checks
 * in Ironic's order, the page, and its `next` link.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { listNodeKeys, nodeMarker, nodesByIds, type NodeKey } from '../../../db/repos/nodes.js'
import { NODE_FIELDS, NODE_OPT_IN_FIELDS } from '../../fields/nodes.js'
import { baseUrl } from '../../http.js'
import {
  type Page,
  type Query,
  checkArgs,
  nextLink,
  param,
  parseDetail,
  parseFields,
  parsePage,
} from '../../query.js'
import { MINOR } from '../../versions.js'
import { NODE_LIST_ARGS, parseNodeFilters } from './filters.js'
import { nodeNotFound } from './lookup.js'
import { NodeViewCache, viewKey } from './view-cache.js'
import { loadNodeExtras, nodeView } from './view.js'

/** Boolean arguments Ironic copies into the `next` link, in its order. */
const LINK_BOOLEANS = ['associated', 'maintenance', 'retired', 'detail']
/** The arguments of /detail, which takes neither `fields` nor `detail`. */
const DETAIL_ARGS = NODE_LIST_ARGS.filter((a) => a !== 'fields' && a !== 'detail')
/** oslo's true strings (the argument is already known to be a valid boolean). */
const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes']
/** Arguments that never go into the `next` link as filters. */
const NOT_FILTERS = ['limit', 'marker', 'fields', 'sort_key', 'sort_dir', ...LINK_BOOLEANS]

/** GET /v1/nodes[/detail]; also serves /v1/chassis/{uuid}/nodes[/detail]. */
export async function listHandler(req: FastifyRequest, reply: FastifyReply, detailPath: boolean) {
  const { deps } = req.server
  const query = req.query as Query
  const minor = req.minor
  checkArgs(query, detailPath ? DETAIL_ARGS : NODE_LIST_ARGS)
  const fields = parseFields(query, NODE_FIELDS, minor, NODE_OPT_IN_FIELDS)
  const detail = detailPath || parseDetail(query, minor, fields !== undefined)
  const page = parsePage(query, NODE_FIELDS, minor, deps.settings.maxLimit)
  const { conductor, ...filters } = await parseNodeFilters(deps.database, query, minor)
  const { marker, sortKey } = page
  const after = marker ? await nodeMarker(deps.database.db, marker, sortKey) : undefined
  if (marker && !after) throw nodeNotFound(marker)
  let keys = await listNodeKeys(deps.database.db, filters, {
    limit: page.limit,
    after,
    sortColumn: page.sortKey,
    sortDir: page.sortDir,
  })
  if (conductor !== undefined) {
    keys = keys.filter((n) => deps.conductors.conductorFor(n) === conductor)
  }
  const shown = detail ? undefined : (fields ?? defaultListFields(minor))
  const base = baseUrl(req, deps.settings.publicEndpoint)
  const nodes = await nodeViews(req, keys, { minor, base, fields: shown })
  // Ironic sends no next link when filtering by instance_uuid (it is unique)
  const keep = nextLinkArgs(query, page, minor, shown)
  const path = detailPath ? 'nodes/detail' : 'nodes'
  const next =
    filters.instanceUuid === undefined
      ? nextLink(base, path, keys.length, page, keys.at(-1)?.uuid, keep)
      : undefined
  const tail = next ? `],"next":${JSON.stringify(next)}}` : ']}'
  const parts: Buffer[] = [OPEN]
  nodes.forEach((n, i) => parts.push(...(i > 0 ? [COMMA, n] : [n])))
  parts.push(Buffer.from(tail))
  return reply.type('application/json').send(Buffer.concat(parts))
}

/** Serialized views of a page of nodes: cached ones reused, the rest loaded in two queries. */
async function nodeViews(
  req: FastifyRequest,
  keys: readonly NodeKey[],
  opts: { minor: number; base: string; fields: readonly string[] | undefined },
): Promise<Buffer[]> {
  const { deps } = req.server
  const cache = viewCacheOf(req)
  const out = new Array<Buffer>(keys.length)
  const missing = new Map<number, number>()
  keys.forEach((k, i) => {
    const conductor = opts.minor >= MINOR.CONDUCTORS ? deps.conductors.conductorFor(k) : null
    const hit = cache.get(k.uuid, viewKey(k, opts.minor, opts.base, opts.fields, conductor))
    if (hit === undefined) missing.set(k.id, i)
    else out[i] = hit
  })
  if (missing.size === 0) return out
  const rows = await nodesByIds(deps.database.db, [...missing.keys()])
  const extras = await loadNodeExtras(deps.database, rows, { minor: opts.minor, fields: opts.fields })
  for (const row of rows) {
    const json = Buffer.from(JSON.stringify(nodeView(row, extras, { ...opts, conductors: deps.conductors })))
    const conductor = opts.minor >= MINOR.CONDUCTORS ? deps.conductors.conductorFor(row) : null
    cache.set(row.uuid, viewKey(row, opts.minor, opts.base, opts.fields, conductor), json)
    out[missing.get(row.id)!] = json
  }
  // a node deleted between the two queries is left out
  return out.filter((j) => j !== undefined)
}

const OPEN = Buffer.from('{"nodes":[')
const COMMA = Buffer.from(',')
const caches = new WeakMap<object, NodeViewCache>()

function viewCacheOf(req: FastifyRequest): NodeViewCache {
  let cache = caches.get(req.server)
  if (!cache) caches.set(req.server, (cache = new NodeViewCache()))
  return cache
}

function defaultListFields(minor: number): string[] {
  return NODE_FIELDS.listDefault.filter((f) => (NODE_FIELDS.byName.get(f)?.since ?? 1) <= minor)
}

/**
 * The arguments of the `next` link, in Ironic's order: sort_key, sort_dir, the booleans
 * associated, maintenance, retired and detail (as Python prints them), then `fields`.
 * Ironic drops every other filter (and false booleans), so that its second page is no longer
 * filtered; Anvil keeps them, URL-encoded, before `fields`. Ironic also sends `fields` below
 * 1.8, where following the link fails with 406; Anvil leaves it out there.
 */
function nextLinkArgs(
  query: Query,
  page: Page,
  minor: number,
  shown: readonly string[] | undefined,
): Record<string, string | undefined> {
  const keep: Record<string, string | undefined> = {
    sort_key: page.sortKey,
    sort_dir: page.sortDir,
  }
  for (const name of LINK_BOOLEANS) {
    const v = param(query, name)
    if (v !== undefined) keep[name] = pythonBool(v)
  }
  for (const k of Object.keys(query)) {
    const v = param(query, k)
    if (!NOT_FILTERS.includes(k) && v !== undefined) keep[k] = encodeURIComponent(v)
  }
  if (shown && minor >= MINOR.FETCHING_SUBSET_OF_FIELDS) keep.fields = shown.join(',')
  return keep
}

/** A boolean argument (already validated) as Python's str(bool). */
function pythonBool(value: string): string {
  return TRUE_STRINGS.includes(value.trim().toLowerCase()) ? 'True' : 'False'
}
