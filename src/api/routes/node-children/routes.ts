/**
 * @module GET /v1/nodes/{node}/children (≥1.83): the UUIDs of the nodes whose `parent_node` is
 * this node, and a link to them in the node list (Ironic's `NodeChildrenController`).
 */
import type { FastifyInstance } from 'fastify'
import { listNodeKeys } from '../../../db/repos/nodes.js'
import { baseUrl, route } from '../../http.js'
import { MINOR } from '../../versions.js'
import { kwargsOf, uuidOrName, validateArgs } from '../node-misc/args.js'
import { pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { resourceNotFound } from '../ports/args.js'

/** Registers the node children endpoint. */
export function registerNodeChildrenRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/children', { GET: listChildren })
}

/** Ironic lists the children unpaged (`Node.list` without a limit). */
const UNLIMITED = Number.MAX_SAFE_INTEGER

/**
 * The node segment is checked first (Ironic's `_lookup`: 400), then the version (the controller
 * raises `NotFound` before 1.83). The list is in database id order, every child however many.
 * It takes neither `detail` nor `fields`: Ironic's handler has no arguments and fails with 500
 * on any; Anvil answers 400 "Unexpected arguments".
 */
async function listChildren(req: NodeRequest) {
  uuidOrName('node', req.params.ident)
  if (req.minor < MINOR.PARENT_CHILD_NODES) throw resourceNotFound()
  validateArgs(kwargsOf(req, { bodyArgs: false }), [])
  const node = await pathNode(req, 'node')
  const { deps } = req.server
  const children = await listNodeKeys(
    deps.database.db,
    { parentNode: node.uuid },
    { limit: UNLIMITED, sortColumn: 'id', sortDir: 'asc' },
  )
  const base = baseUrl(req, deps.settings.publicEndpoint)
  return {
    children: children.map((c) => c.uuid),
    // one link, not the usual self/bookmark pair (`link.make_link('children', ...)`)
    links: { href: `${base}/v1/nodes?parent_node=${node.uuid}`, rel: 'children' },
  }
}
