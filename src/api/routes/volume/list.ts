/**
 * @module Volume connector and target lists: /v1/volume/{connectors,targets} and the same under
 * /v1/nodes/{node}/volume, with Ironic's argument checks in Ironic's order (`get_all` and
 * `_get_volume_*_collection` of its volume controllers).
 */
import type { FastifyRequest } from 'fastify'
import { InvalidParameterValueError } from '../../../common/errors.js'
import { volumeNotFound } from '../../../conductor/methods/volume.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import type { Query } from '../../query.js'
import { getNode } from '../nodes/lookup.js'
import {
  booleanArg,
  integerArg,
  queryArgs,
  stringListArg,
  uuidArg,
  uuidOrNameArg,
} from '../ports/args.js'
import {
  checkFieldsExist,
  nextHref,
  type SortSpec,
  sortColumn,
  validateLimit,
  validateSortDir,
} from '../ports/collection.js'
import type { VolumeKind } from './kinds.js'
import { requestBase, volumeView } from './view.js'

/**
 * The arguments of `get_all`. `project` is accepted and, as for Ironic's system-scoped
 * requests, ignored: Anvil has no project-scoped requests, the only ones Ironic filters.
 */
const LIST_ARGS = ['node', 'marker', 'limit', 'sort_key', 'sort_dir', 'fields', 'detail', 'project']

interface ListArgs {
  node: string | undefined
  marker: string | undefined
  limit: number | undefined
  sortKey: string
  sortDir: string | undefined
  fields: string[] | undefined
  detail: boolean | undefined
}

/** `@args.validate`: unknown arguments, then each validator in the signature's order. */
function parseArgs(query: Query): ListArgs {
  const q = queryArgs(query, LIST_ARGS)
  return {
    node: uuidOrNameArg('node', q.node),
    marker: uuidArg('marker', q.marker),
    limit: integerArg('limit', q.limit),
    sortKey: q.sort_key ?? 'id',
    sortDir: q.sort_dir,
    fields: stringListArg(q.fields),
    detail: booleanArg('detail', q.detail),
  }
}

/**
 * Handles a list request. `parentNode` is the node of a /v1/nodes/{node}/volume/... path: it must
 * exist (Ironic looks it up by UUID only; Anvil takes a name too, as for ports) and it wins over
 * a `node` argument.
 */
export async function listVolumesHandler(
  kind: VolumeKind,
  req: FastifyRequest,
  parentNode?: string,
) {
  const { database, settings } = req.server.deps
  const minor = req.minor
  const args = parseArgs(req.query as Query)
  const parent = parentNode === undefined ? undefined : await getNode(database, parentNode, minor)
  let fields = args.fields
  if (fields === undefined && !args.detail) fields = [...kind.fields.listDefault]
  if (fields !== undefined && fields.length > 0 && args.detail) {
    throw new InvalidParameterValueError("Can't fetch a subset of fields with 'detail' set")
  }
  const limit = validateLimit(args.limit, settings.maxLimit)
  const sortDir = validateSortDir(args.sortDir)
  const db = database.db
  if (args.marker && !(await kind.find(db, { uuid: args.marker }))) {
    throw volumeNotFound(kind.name, args.marker)
  }
  const sort: SortSpec = {
    fields: kind.fields,
    unsortable: kind.unsortable,
    extraColumns: ['node_id'],
  }
  if (kind.unsortable.includes(args.sortKey)) sortColumn(args.sortKey, sort, minor)
  let node: NodeRecord | undefined = parent
  if (!node && args.node) node = await getNode(database, args.node, minor)
  const column = sortColumn(args.sortKey, sort, minor)
  const after = args.marker ? await kind.marker(db, args.marker, column) : undefined
  const filters = node ? { nodeId: node.id } : {}
  const rows = await kind.list(db, filters, { limit, after, sortColumn: column, sortDir })
  if (rows.length > 0) checkFieldsExist(kind.fields, fields, minor)
  const items = rows.map((row) => volumeView(kind, row, req, fields))
  const next = nextHref(requestBase(req), kind.path, rows, limit, {
    sortKey: args.sortKey,
    sortDir,
    detail: args.detail ? true : undefined,
    fields,
  })
  return next ? { [kind.key]: items, next } : { [kind.key]: items }
}
