/**
 * @module GET and PUT /v1/nodes/{node}/states/console (Ironic's `NodeConsoleController`): the
 * console's connection information, and starting or stopping it (202; the conductor updates
 * the node's `console_enabled` when done).
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { IronicError, InvalidParameterValueError } from '../../../common/errors.js'
import { route } from '../../http.js'
import { boolean, type ArgValidator } from '../node-misc/args.js'
import { callNode, nodeArgs, nodeUrl, pathNode, type NodeRequest } from '../node-misc/node-call.js'

/** Registers the console endpoints. */
export function registerNodeConsoleRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/states/console', { GET: getConsole, PUT: setConsole })
}

/** The conductor's `NodeConsoleNotEnabled`, which the API answers as a disabled console. */
const NOT_ENABLED = 'NODE_CONSOLE_NOT_ENABLED'

async function getConsole(req: NodeRequest) {
  nodeArgs(req)
  const node = await pathNode(req)
  try {
    const info = await callNode(req, node, 'get_console_information')
    return { console_enabled: true, console_info: info }
  } catch (err) {
    if (err instanceof IronicError && err.code === NOT_ENABLED) {
      return { console_enabled: false, console_info: null }
    }
    throw err
  }
}

/**
 * `args.boolean`, with JSON null refused too: Ironic would pass None on and fail in the
 * background, Anvil answers 400 as for any value that is not a boolean.
 */
const enabledArg: ArgValidator = (name, value) => {
  if (value === null) {
    throw new InvalidParameterValueError(
      `Invalid ${name}: Unrecognized value 'None', acceptable values are: '0', '1', 'f', ` +
        "'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'",
    )
  }
  return boolean(name, value)
}

async function setConsole(req: NodeRequest, reply: FastifyReply) {
  const args = nodeArgs(req, [['enabled', enabledArg, true]])
  const node = await pathNode(req)
  await callNode(req, node, 'set_console_mode', { enabled: args.enabled === true })
  return reply
    .code(202)
    .header('Location', nodeUrl(req, `${req.params.ident}/states/console`))
    .send()
}
