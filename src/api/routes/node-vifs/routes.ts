/**
 * @module /v1/nodes/{node}/vifs (≥1.28): list, attach and detach a node's virtual network
 * interfaces (Ironic's `NodeVIFController`). The node's conductor does the work under the
 * node's lock, through the node's network interface.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { IronicError, NotFoundError } from '../../../common/errors.js'
import { route } from '../../http.js'
import { MINOR } from '../../versions.js'
import { kwargsOf, uuidOrName, validateArgs } from '../node-misc/args.js'
import { callNode, pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { checkVif } from './schema.js'

type VifRequest = FastifyRequest<{ Params: { ident: string; vif: string } }>

/** Registers the node VIF endpoints. */
export function registerNodeVifRoutes(app: FastifyInstance): void {
  // the controller also has DELETE (of one VIF), which pecan's Allow names
  route(app, '/v1/nodes/:ident/vifs', { GET: listVifs, POST: attachVif }, { allow: ['DELETE', 'GET', 'POST'] })
  route(app, '/v1/nodes/:ident/vifs/:vif', { DELETE: detachVif })
}

/** The node segment first (Ironic's `_lookup`: 400), then the version (404 before 1.28). */
function gate(req: NodeRequest): void {
  uuidOrName('node', req.params.ident)
  if (req.minor < MINOR.VIFS_SUBCONTROLLER) throw new NotFoundError()
}

async function listVifs(req: NodeRequest) {
  gate(req)
  // Ironic's handler takes no arguments; Anvil refuses unknown ones instead of failing with 500.
  validateArgs(kwargsOf(req, { bodyArgs: false }), [])
  const node = await pathNode(req, 'node')
  const vifs = await callNode<{ id: string }[]>(req, node, 'vif_list')
  return { vifs }
}

/** The query arguments pecan passes besides the body (`@method.body` drops the body's keys). */
function queryArgsBesides(req: FastifyRequest, body: unknown): Record<string, unknown> {
  const kwargs = kwargsOf(req, { bodyArgs: false })
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    for (const key of Object.keys(body)) delete kwargs[key]
  }
  return kwargs
}

async function attachVif(req: NodeRequest, reply: FastifyReply) {
  gate(req)
  const body: unknown = req.body === undefined ? {} : req.body
  validateArgs({ ...queryArgsBesides(req, body), vif: body }, [['vif', (_n, v) => v]])
  const vif = checkVif(body)
  const node = await pathNode(req, 'node')
  if (req.minor >= MINOR.NODE_VIF_ATTACH_PORT && 'port_uuid' in vif && 'portgroup_uuid' in vif) {
    throw new IronicError('Cannot specify both port_uuid and portgroup_uuid')
  }
  await callNode(req, node, 'vif_attach', { vif_info: vif })
  return reply.code(204).send()
}

async function detachVif(req: VifRequest, reply: FastifyReply) {
  gate(req)
  validateArgs({ ...kwargsOf(req, { bodyArgs: true }), vif_id: req.params.vif }, [
    ['vif_id', uuidOrName],
  ])
  const node = await pathNode(req, 'node')
  await callNode(req, node, 'vif_detach', { vif_id: req.params.vif })
  return reply.code(204).send()
}
