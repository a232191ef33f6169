/**
 * @module Vendor passthru: `{METHOD} /v1/nodes/{node}/vendor_passthru?method=X` (or
 * `.../vendor_passthru/X`), `GET .../vendor_passthru/methods`, and the same under
 * /v1/drivers/{driver} (Ironic's `NodeVendorPassthruController` and `DriverPassthruController`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ClientSideError, InvalidParameterValueError, IronicError } from '../../../common/errors.js'
import { route } from '../../http.js'
import { pyStr } from '../../../common/python-repr.js'
import { string, validateArgs, type ArgSpec } from './args.js'
import { callNode, nodeArgs, pathNode, type NodeRequest } from './node-call.js'

type MethodRequest = FastifyRequest<{ Params: { ident: string; method?: string } }>
type DriverRequest = FastifyRequest<{ Params: { name: string; method?: string } }>

/** What the conductor answers for a call (`return` is the method's result when synchronous). */
interface PassthruResult {
  return: unknown
  async: boolean
  attach: boolean
}

const ANY = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

function allMethods<R>(handler: (req: R, reply: FastifyReply) => Promise<unknown>) {
  return Object.fromEntries(ANY.map((m) => [m, handler]))
}

/** Registers the node and driver vendor passthru endpoints. */
export function registerVendorRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/vendor_passthru', allMethods(nodePassthru))
  route(app, '/v1/nodes/:ident/vendor_passthru/methods', { GET: nodeMethods })
  route(app, '/v1/nodes/:ident/vendor_passthru/:method', allMethods(nodePassthru))
  route(app, '/v1/drivers/:name/vendor_passthru', allMethods(driverPassthru))
  route(app, '/v1/drivers/:name/vendor_passthru/methods', { GET: driverMethods })
  route(app, '/v1/drivers/:name/vendor_passthru/:method', allMethods(driverPassthru))
}

/** The body handed to the method: a JSON object, or `{}` when there is none. */
function passthruData(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    // Ironic answers 500 here (the driver cannot take the body as keyword arguments).
    throw new InvalidParameterValueError(`Expected types <class 'dict'> for data: ${pyStr(body)}`)
  }
  return body as Record<string, unknown>
}

/** `method` from the path or the query, checked like Ironic's `@args.validate`. */
const METHOD_ARGS: readonly ArgSpec[] = [
  ['method', string, true],
  ['data', (_n, v) => v],
]

function send(reply: FastifyReply, result: PassthruResult) {
  if (result.async) return reply.code(202).send()
  if (result.attach && typeof result.return === 'string') {
    return reply.code(200).type('application/octet-stream').send(result.return)
  }
  return reply
    .code(200)
    .type('application/json')
    .send(JSON.stringify(result.return ?? null))
}

function requireMethod(method: unknown): string {
  if (!method) throw new ClientSideError('Method not specified')
  return String(method)
}

async function nodePassthru(req: MethodRequest, reply: FastifyReply) {
  const extra = req.params.method === undefined ? {} : { method: req.params.method }
  const args = nodeArgs(req, METHOD_ARGS, { bodyArgs: false, extra })
  const node = await pathNode(req)
  const method = requireMethod(args.method)
  const result = await callNode<PassthruResult>(req, node, 'vendor_passthru', {
    method,
    http_method: req.method,
    info: passthruData(req.body),
  })
  return send(reply, result)
}

async function nodeMethods(req: NodeRequest) {
  nodeArgs(req, [], { bodyArgs: false })
  const node = await pathNode(req)
  return callNode(req, node, 'get_node_vendor_passthru_methods')
}

/** A conductor serving the hardware type (Ironic's `get_topic_for_driver`). */
function driverHost(req: FastifyRequest, driver: string): string {
  const host = req.server.deps.conductors.hostsFor(driver)[0]
  if (host === undefined) {
    throw new IronicError(`The driver '${driver}' is unknown.`, {
      code: 'DRIVER_NOT_FOUND',
      status: 404,
    })
  }
  return host
}

function driverArgs(req: DriverRequest, spec: readonly ArgSpec[]): Record<string, unknown> {
  const kwargs: Record<string, unknown> = { ...(req.query as Record<string, unknown>) }
  if (req.params.method !== undefined) kwargs.method = req.params.method
  kwargs.driver_name = req.params.name
  return validateArgs(kwargs, [['driver_name', string], ...spec])
}

async function driverPassthru(req: DriverRequest, reply: FastifyReply) {
  const args = driverArgs(req, METHOD_ARGS)
  const host = driverHost(req, req.params.name)
  const method = requireMethod(args.method)
  const result = await req.server.deps.rpc.call<PassthruResult>(
    { host },
    'driver_vendor_passthru',
    {
      driver_name: req.params.name,
      method,
      http_method: req.method,
      info: passthruData(req.body),
    },
  )
  return send(reply, result)
}

async function driverMethods(req: DriverRequest) {
  driverArgs(req, [])
  const host = driverHost(req, req.params.name)
  return req.server.deps.rpc.call({ host }, 'get_driver_vendor_passthru_methods', {
    driver_name: req.params.name,
  })
}
