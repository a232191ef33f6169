/**
 * @module Port lists: /v1/ports[/detail], /v1/nodes/{node}/ports[/detail] and
 * /v1/portgroups/{portgroup}/ports[/detail], with Ironic's argument checks in Ironic's order
 * (PortsController.get_all / detail / _get_ports_collection).
 */
import type { FastifyRequest } from 'fastify'
import { InvalidParameterValueError } from '../../../common/errors.js'
import { isUuidLike } from '../../../common/uuid.js'
import {
  type PortFilters,
  type PortRecord,
  findPort,
  listPorts,
  portMarker,
} from '../../../db/repos/ports.js'
import { PORT_EXTRA_SORT_COLUMNS, PORT_FIELDS, PORT_UNSORTABLE } from '../../fields/ports.js'
import { baseUrl } from '../../http.js'
import { notAcceptable, type Query } from '../../query.js'
import { MINOR } from '../../versions.js'
import { getNode } from '../nodes/lookup.js'
import {
  booleanArg,
  integerArg,
  macArg,
  operationNotPermitted,
  queryArgs,
  stringListArg,
  uuidArg,
  uuidOrNameArg,
} from './args.js'
import {
  checkFieldsAllowed,
  checkFieldsExist,
  checkFieldVersions,
  markerNotFound,
  nextHref,
  returnFields,
  sortColumn,
  validateLimit,
  validateSortDir,
} from './collection.js'
import { getPortgroup, getPortgroupByUuid } from './lookup.js'
import { portView } from './view.js'

/** The collection a list hangs from, when it is a sub-collection. */
export interface PortParent {
  node?: string
  portgroup?: string
}

interface PortListArgs {
  node?: string | undefined
  address?: string | undefined
  portgroup?: string | undefined
  shard?: string[] | undefined
  conductorGroups?: string[] | undefined
  descriptionContains?: string | undefined
  marker?: string | undefined
  limit?: number | undefined
  sortKey: string
  sortDir?: string | undefined
  fields?: string[] | undefined
  detail?: boolean | undefined
}

const LIST_ARGS = ['node', 'node_uuid', 'address', 'marker', 'limit', 'sort_key', 'sort_dir']

function allowedArgs(minor: number, detailPath: boolean): string[] {
  const names = [...LIST_ARGS, ...(detailPath ? [] : ['fields']), 'portgroup']
  if (!detailPath) names.push('detail')
  names.push('shard')
  if (minor >= MINOR.PORT_DESCRIPTION) names.push('description_contains')
  if (minor >= MINOR.PORT_PORTGROUP_CONDUCTOR_GROUP_FILTER) names.push('conductor_groups')
  return names
}

/** `@args.validate`: unknown arguments, then each validator in the signature's order. */
function parseArgs(
  query: Query,
  minor: number,
  detailPath: boolean,
): PortListArgs & { nodeUuid?: string | undefined } {
  const q = queryArgs(query, allowedArgs(minor, detailPath))
  return {
    node: uuidOrNameArg('node', q.node),
    nodeUuid: uuidArg('node_uuid', q.node_uuid),
    address: macArg('address', q.address),
    marker: uuidArg('marker', q.marker),
    limit: integerArg('limit', q.limit),
    sortKey: q.sort_key ?? 'id',
    sortDir: q.sort_dir,
    fields: stringListArg(q.fields),
    portgroup: uuidOrNameArg('portgroup', q.portgroup),
    detail: booleanArg('detail', q.detail),
    shard: stringListArg(q.shard),
    descriptionContains: q.description_contains,
    conductorGroups: stringListArg(q.conductor_groups),
  }
}

/**
 * `check_port_list_policy` for a sub-collection: the parent must exist. Ironic looks a node up
 * by UUID only and reports a name as "Portgroup None could not be found."; Anvil finds the node
 * by name too, as the rest of the API does.
 */
async function checkParent(req: FastifyRequest, parent: PortParent): Promise<string | undefined> {
  const { database } = req.server.deps
  if (parent.portgroup !== undefined) {
    await getPortgroupByUuid(database, parent.portgroup)
  } else if (parent.node !== undefined) {
    return (await getNode(database, parent.node, req.minor)).uuid
  }
  return undefined
}

/** Handles a port list request (`detailPath` for the `/detail` endpoints). */
export async function listPortsHandler(
  req: FastifyRequest,
  detailPath: boolean,
  parent: PortParent = {},
) {
  const minor = req.minor
  const args = parseArgs(req.query as Query, minor, detailPath)
  const nodeUuid = await checkParent(req, parent)
  if (nodeUuid !== undefined) args.node = nodeUuid
  if (parent.portgroup !== undefined) args.portgroup = parent.portgroup
  if (!detailPath) checkFieldsAllowed(args.fields, minor)
  checkFieldVersions(PORT_FIELDS, args.fields, minor)
  checkFieldVersions(PORT_FIELDS, [args.sortKey], minor)
  if (args.portgroup && minor < MINOR.PORTGROUPS_SUBCONTROLLERS) throw notAcceptable()
  if (args.shard !== undefined && minor < MINOR.NODE_SHARD) throw notAcceptable(MINOR.NODE_SHARD)
  const fields = detailPath
    ? undefined
    : returnFields(args.fields, args.detail, PORT_FIELDS.listDefault, minor)
  if (!args.nodeUuid && args.node && minor < MINOR.NODE_NAME && !isUuidLike(args.node))
    throw notAcceptable()
  const limit = validateLimit(args.limit, req.server.deps.settings.maxLimit)
  const sortDir = validateSortDir(args.sortDir)
  const rows = await fetchPorts(req, { ...args, node: args.nodeUuid || args.node }, limit, sortDir)
  if (rows.length > 0) checkFieldsExist(PORT_FIELDS, fields, minor)
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  const ports = rows.map((p) => portView(p, { minor, base, fields }))
  const next = nextHref(base, detailPath ? 'ports/detail' : 'ports', rows, limit, {
    sortKey: args.sortKey,
    sortDir,
    detail: args.detail,
    fields,
  })
  return next ? { ports, next } : { ports }
}

/** `_get_ports_collection`: marker, sort key, exclusive filters, then the query. */
async function fetchPorts(
  req: FastifyRequest,
  args: PortListArgs,
  limit: number,
  sortDir: 'asc' | 'desc',
): Promise<PortRecord[]> {
  const { database } = req.server.deps
  if (args.marker && !(await findPort(database.db, { uuid: args.marker }))) {
    throw markerNotFound('Port', args.marker)
  }
  if (PORT_UNSORTABLE.includes(args.sortKey)) sortColumn(args.sortKey, SORT, req.minor)
  const shard = args.shard?.length ? args.shard : undefined
  if ([args.node, args.portgroup, shard].filter(Boolean).length > 1) throw operationNotPermitted()
  if (args.conductorGroups?.length && (args.node || args.portgroup || args.address)) {
    throw new InvalidParameterValueError(
      'Filtering by conductor_groups cannot be combined with node_ident, portgroup_ident, or node address filters.',
    )
  }
  const filters: PortFilters = {}
  if (args.descriptionContains) filters.descriptionContains = args.descriptionContains
  if (args.portgroup) filters.portgroupId = (await getPortgroup(database, args.portgroup)).id
  else if (args.node) filters.nodeId = (await getNode(database, args.node, req.minor)).id
  else if (args.address) {
    const port = await findPort(database.db, { address: args.address })
    return port ? [port] : []
  } else if (shard) filters.shards = shard
  else if (args.conductorGroups?.length) filters.conductorGroups = args.conductorGroups
  const column = sortColumn(args.sortKey, SORT, req.minor)
  const after = args.marker ? await portMarker(database.db, args.marker, column) : undefined
  return listPorts(database.db, filters, { limit, after, sortColumn: column, sortDir })
}

const SORT = {
  fields: PORT_FIELDS,
  unsortable: PORT_UNSORTABLE,
  extraColumns: PORT_EXTRA_SORT_COLUMNS,
}
