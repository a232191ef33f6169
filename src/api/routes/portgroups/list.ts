/**
 * @module Portgroup lists: /v1/portgroups[/detail] and /v1/nodes/{node}/portgroups[/detail],
 * with Ironic's argument checks in Ironic's order (PortgroupsController.get_all / detail /
 * _get_portgroups_collection).
 */
import type { FastifyRequest } from 'fastify'
import { InvalidParameterValueError } from '../../../common/errors.js'
import {
  type PortgroupFilters,
  type PortgroupRecord,
  findPortgroup,
  listPortgroups,
  portgroupMarker,
} from '../../../db/repos/portgroups.js'
import {
  PORTGROUP_EXTRA_SORT_COLUMNS,
  PORTGROUP_FIELDS,
  PORTGROUP_UNSORTABLE,
} from '../../fields/portgroups.js'
import { baseUrl } from '../../http.js'
import { notAcceptable, type Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { getNode } from '../nodes/lookup.js'
import {
  MAX_MINOR_21_4,
  booleanArg,
  integerArg,
  macArg,
  queryArgs,
  resourceNotFound,
  stringListArg,
  uuidArg,
  uuidOrNameArg,
} from '../ports/args.js'
import {
  checkFieldsExist,
  markerNotFound,
  nextHref,
  returnFields,
  sortColumn,
  validateLimit,
  validateSortDir,
} from '../ports/collection.js'
import { checkPortgroupFieldVersions, portgroupView } from './view.js'

interface PortgroupListArgs {
  node?: string | undefined
  address?: string | undefined
  shard?: string[] | undefined
  conductorGroups?: string[] | undefined
  marker?: string | undefined
  limit?: number | undefined
  sortKey: string
  sortDir?: string | undefined
  fields?: string[] | undefined
  detail?: boolean | undefined
}

function allowedArgs(minor: number, detailPath: boolean): string[] {
  const names = ['node', 'address', 'marker', 'limit', 'sort_key', 'sort_dir']
  if (!detailPath) names.push('fields', 'detail')
  if (minor > MAX_MINOR_21_4) names.push('shard')
  if (minor >= MINOR.PORT_PORTGROUP_CONDUCTOR_GROUP_FILTER) names.push('conductor_groups')
  return names
}

function parseArgs(query: Query, minor: number, detailPath: boolean): PortgroupListArgs {
  const q = queryArgs(query, allowedArgs(minor, detailPath))
  return {
    node: uuidOrNameArg('node', q.node),
    address: macArg('address', q.address),
    marker: uuidArg('marker', q.marker),
    limit: integerArg('limit', q.limit),
    sortKey: q.sort_key ?? 'id',
    sortDir: q.sort_dir,
    fields: stringListArg(q.fields),
    detail: booleanArg('detail', q.detail),
    shard: stringListArg(q.shard),
    conductorGroups: stringListArg(q.conductor_groups),
  }
}

/** Handles a portgroup list request (`detailPath` for the `/detail` endpoints). */
export async function listPortgroupsHandler(
  req: FastifyRequest,
  detailPath: boolean,
  parentNode?: string,
) {
  const minor = req.minor
  const args = parseArgs(req.query as Query, minor, detailPath)
  if (minor < MINOR.PORTGROUPS) throw resourceNotFound()
  if (parentNode !== undefined) {
    // Ironic finds the node by UUID only ("Portgroup None could not be found." for a name).
    args.node = (await getNode(req.server.deps.database, parentNode, minor)).uuid
  }
  if (args.shard !== undefined && minor < MINOR.PORTGROUP_SHARD)
    throw notAcceptable(MINOR.PORTGROUP_SHARD)
  if (!detailPath) checkPortgroupFieldVersions(args.fields, minor)
  checkPortgroupFieldVersions([args.sortKey], minor)
  const fields = detailPath
    ? undefined
    : returnFields(args.fields, args.detail, PORTGROUP_FIELDS.listDefault, minor)
  const limit = validateLimit(args.limit, req.server.deps.settings.maxLimit)
  const sortDir = validateSortDir(args.sortDir)
  const rows = await fetchPortgroups(req, args, limit, sortDir)
  if (rows.length > 0) checkFieldsExist(PORTGROUP_FIELDS, fields, minor, ['ports'])
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  const portgroups = rows.map((pg) => portgroupView(pg, { minor, base, fields }))
  const next = nextHref(base, detailPath ? 'portgroups/detail' : 'portgroups', rows, limit, {
    sortKey: args.sortKey,
    sortDir,
    detail: args.detail,
    fields,
  })
  return next ? { portgroups, next } : { portgroups }
}

/** `_get_portgroups_collection`: marker, sort key, the filter in use, then the query. */
async function fetchPortgroups(
  req: FastifyRequest,
  args: PortgroupListArgs,
  limit: number,
  sortDir: 'asc' | 'desc',
): Promise<PortgroupRecord[]> {
  const { database } = req.server.deps
  if (args.marker && !(await findPortgroup(database.db, { uuid: args.marker }))) {
    throw markerNotFound('Portgroup', args.marker)
  }
  if (PORTGROUP_UNSORTABLE.includes(args.sortKey)) sortColumn(args.sortKey, SORT, req.minor)
  const shard = args.shard?.length ? args.shard : undefined
  const groups = args.conductorGroups?.length ? args.conductorGroups : undefined
  if (
    req.minor > MAX_MINOR_21_4 &&
    [args.node, args.address, shard, groups].filter(Boolean).length > 1
  ) {
    throw new InvalidParameterValueError(
      'Filtering by node, address, or shard simultaneously is not supported.',
    )
  }
  const filters: PortgroupFilters = {}
  if (args.node) filters.nodeId = (await getNode(database, args.node, req.minor)).id
  else if (args.address) {
    const pg = await findPortgroup(database.db, { address: args.address })
    return pg ? [pg] : []
  } else if (shard) filters.shards = shard
  else if (groups) filters.conductorGroups = groups
  const column = sortColumn(args.sortKey, SORT, req.minor)
  const after = args.marker ? await portgroupMarker(database.db, args.marker, column) : undefined
  return listPortgroups(database.db, filters, { limit, after, sortColumn: column, sortDir })
}

const SORT = {
  fields: PORTGROUP_FIELDS,
  unsortable: PORTGROUP_UNSORTABLE,
  extraColumns: PORTGROUP_EXTRA_SORT_COLUMNS,
}
