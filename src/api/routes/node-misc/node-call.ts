/**
 * @module What the node sub-resource handlers share: the node of the path (checked as Ironic's
 * `uuid_or_name` then looked up), the call to the conductor that owns it, and Location URLs.
 */
import type { FastifyRequest } from 'fastify'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import { baseUrl } from '../../http.js'
import { getNode } from '../nodes/lookup.js'
import { kwargsOf, uuidOrName, validateArgs, type ArgSpec } from './args.js'

/** A request whose path names a node. */
export type NodeRequest = FastifyRequest<{ Params: { ident: string } }>

/**
 * The node of the path. `argName` is how Ironic names it in the "Expected UUID or name"
 * message: `node_ident` for handlers taking it as a parameter, `node` for sub-controllers.
 */
export async function pathNode(req: NodeRequest, argName = 'node_ident'): Promise<NodeRecord> {
  uuidOrName(argName, req.params.ident)
  return getNode(req.server.deps.database, req.params.ident, req.minor)
}

/** Calls `method` on the conductor owning `node`, with `node_id` = its UUID. */
export function callNode<T = unknown>(
  req: FastifyRequest,
  node: NodeRecord,
  method: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  const target = {
    node: { uuid: node.uuid, driver: node.driver, conductor_group: node.conductor_group },
  }
  return req.server.deps.rpc.call<T>(target, method, { node_id: node.uuid, ...params })
}

/** `<base>/v1/nodes/<path>` as Ironic's `link.build_url('nodes', path)` builds it. */
export function nodeUrl(req: FastifyRequest, path: string): string {
  return `${baseUrl(req, req.server.deps.settings.publicEndpoint)}/v1/nodes/${path}`
}

/**
 * The handler's arguments as Ironic's `@args.validate` sees them: unknown ones refused, then the
 * node of the path (`node_ident`), then `spec`, from the query and a JSON object body.
 */
export function nodeArgs(
  req: NodeRequest,
  spec: readonly ArgSpec[] = [],
  opts: { bodyArgs?: boolean; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const kwargs = {
    ...kwargsOf(req, { bodyArgs: opts.bodyArgs ?? true }),
    ...opts.extra,
    node_ident: req.params.ident,
  }
  return validateArgs(kwargs, [['node_ident', uuidOrName], ...spec])
}
