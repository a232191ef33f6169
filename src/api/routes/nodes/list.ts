/**
 * @module GET /v1/nodes and /v1/nodes/detail (also /v1/chassis/{uuid}/nodes): argument checks
 * in Ironic's order, the page, and its `next` link.
 */
import type { FastifyRequest } from 'fastify'
import { listNodes, nodeMarker } from '../../../db/repos/nodes.js'
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
export async function listHandler(req: FastifyRequest, detailPath: boolean) {
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
  // Ironic sends no next link when filtering by instance_uuid (it is unique)
  if (filters.instanceUuid !== undefined) return { nodes }
  const keep = nextLinkArgs(query, page, minor, shown)
  const path = detailPath ? 'nodes/detail' : 'nodes'
  const next = nextLink(base, path, rows.length, page, rows.at(-1)?.uuid, keep)
  return next ? { nodes, next } : { nodes }
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
