/**
 * @module GET /v1/nodes/{node}/inventory (≥1.81): the inventory and plugin data of the node's
 * last inspection (Ironic's `NodeInventoryController`, `[inventory]data_backend = database`).
 */
import type { FastifyInstance } from 'fastify'
import { IronicError, NotFoundError } from '../../../common/errors.js'
import { findInventory } from '../../../db/repos/inventory.js'
import { route } from '../../http.js'
import { MINOR } from '../../versions.js'
import { kwargsOf, uuidOrName, validateArgs } from '../node-misc/args.js'
import { pathNode, type NodeRequest } from '../node-misc/node-call.js'

/** Registers the node inventory endpoint. */
export function registerNodeInventoryRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/inventory', { GET: getInventory })
}

/**
 * 404 `NodeInventoryNotFound`. Ironic's database backend names the node by its database id
 * in this message; so does Anvil.
 */
export class NodeInventoryNotFoundError extends IronicError {
  constructor(node: string | number) {
    super(`Node inventory record for node ${node} could not be found.`, {
      code: 'NODE_INVENTORY_NOT_FOUND',
      status: 404,
      details: { node },
    })
  }
}

async function getInventory(req: NodeRequest) {
  uuidOrName('node', req.params.ident)
  if (req.minor < MINOR.NODE_INVENTORY) throw new NotFoundError()
  validateArgs(kwargsOf(req, { bodyArgs: false }), [])
  const node = await pathNode(req, 'node')
  const found = await findInventory(req.server.deps.database.db, node.id)
  if (!found) throw new NodeInventoryNotFoundError(node.id)
  return { inventory: found.inventory, plugin_data: found.plugin_data }
}
