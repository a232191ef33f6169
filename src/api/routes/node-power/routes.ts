/**
 * @module PUT /v1/nodes/{node}/states/power (Ironic's `NodeStatesController.power`), and
 * Anvil's GET /v1/nodes/{node}/states/power/supported: the targets the node's power interface
 * accepts (Ironic's Pike "supported power states" priority; a new path, so no existing client
 * sees a difference).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { IronicError } from '../../../common/errors.js'
import { InvalidStateRequestedError } from '../../../common/state-machine.js'
import {
  ALLOWED_TARGET_POWER_STATES,
  MIN_SOFT_POWER_MINOR,
  PowerState,
} from '../../../common/states.js'
import { route } from '../../http.js'
import { notAcceptable } from '../../query.js'
import { integer, string } from '../node-misc/args.js'
import { callNode, nodeArgs, nodeUrl, pathNode, type NodeRequest } from '../node-misc/node-call.js'

/** Registers the power endpoints. */
export function registerNodePowerRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/states/power', { PUT: setPowerHandler })
  route(app, '/v1/nodes/:ident/states/power/supported', { GET: supportedHandler })
}

const SOFT: ReadonlySet<string> = new Set([PowerState.SoftRebooting, PowerState.SoftPowerOff])
const OFF: ReadonlySet<string> = new Set([PowerState.Off, PowerState.SoftPowerOff])

/** The checks Ironic's API makes before asking the conductor, in its order. */
function checkPowerRequest(
  minor: number,
  ident: string,
  node: { power_state: string | null; provision_state: string | null; disable_power_off: unknown },
  target: string | null,
  timeout: number | null,
): void {
  if ((SOFT.has(target ?? '') || timeout) && minor < MIN_SOFT_POWER_MINOR) throw notAcceptable()
  if (timeout !== null && timeout < 1) {
    throw new IronicError('timeout has to be positive integer', { code: 'INVALID', status: 400 })
  }
  const action = target ?? 'None'
  if (target === null || !ALLOWED_TARGET_POWER_STATES.has(target)) {
    throw new InvalidStateRequestedError(action, { uuid: ident, state: node.power_state })
  }
  if (node.provision_state === 'clean wait' || node.provision_state === 'cleaning') {
    throw new InvalidStateRequestedError(action, { uuid: ident, state: node.provision_state })
  }
  if (OFF.has(target) && node.disable_power_off) {
    throw new IronicError(`Failed to set node power state to ${target}.`, {
      code: 'POWER_STATE_FAILURE',
      status: 409,
    })
  }
}

async function setPowerHandler(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [
    ['target', string, true],
    ['timeout', integer],
  ])
  const node = await pathNode(req)
  const target = (args.target as string | null) ?? null
  const timeout = (args.timeout as number | null | undefined) ?? null
  checkPowerRequest(req.minor, req.params.ident, node, target, timeout)
  await callNode(req, node, 'change_node_power_state', { new_state: target, timeout })
  return reply
    .code(202)
    .header('Location', nodeUrl(req, `${req.params.ident}/states`))
    .send()
}

async function supportedHandler(req: NodeRequest) {
  nodeArgs(req)
  const node = await pathNode(req)
  return { power_states: await callNode<string[]>(req, node, 'get_supported_power_states') }
}
