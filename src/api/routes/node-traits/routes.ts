/**
 * @module /v1/nodes/{node}/traits (≥1.37): list, replace and clear a node's traits, add or
 * remove one (Ironic's `NodeTraitsController`). Changes go through the node's conductor, which
 * takes the lock and bumps the node's revision.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { IronicError, MethodNotAllowedError, NotFoundError } from '../../../common/errors.js'
import { traitsByNode } from '../../../db/repos/nodes.js'
import { route } from '../../http.js'
import { notAcceptable } from '../../query.js'
import { MINOR } from '../../versions.js'
import { kwargsOf, string, uuidOrName, validateArgs } from '../node-misc/args.js'
import { callNode, nodeUrl, pathNode, type NodeRequest } from '../node-misc/node-call.js'
import { checkTrait, checkTraitsBody } from './schema.js'

type TraitRequest = FastifyRequest<{ Params: { ident: string; trait: string } }>

/** Registers the node trait endpoints. */
export function registerNodeTraitRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/traits', {
    GET: listTraits,
    PUT: replaceTraits,
    DELETE: clearTraits,
  })
  route(app, '/v1/nodes/:ident/traits/:trait', { PUT: addTrait, DELETE: removeTrait })
}

const ONE_OR_ALL =
  'A single node trait may be added via PUT /v1/nodes/<node identifier>/traits/<trait> with no ' +
  'body, or all node traits may be replaced via PUT /v1/nodes/<node identifier>/traits with the ' +
  'list of traits specified in the request body.'

/**
 * The node segment (checked first, as Ironic's `_lookup` does), then the version: below 1.37
 * Ironic falls through to other handlers, answering GET 406, PUT 405 and DELETE 404.
 */
function gate(req: NodeRequest): void {
  uuidOrName('node', req.params.ident)
  if (req.minor >= MINOR.NODE_TRAITS) return
  if (req.method === 'GET') throw notAcceptable()
  if (req.method === 'PUT') throw new MethodNotAllowedError(req.method)
  throw new NotFoundError('Resource could not be found.')
}

/** Query arguments (and body keys when `bodyArgs`) outside `allowed` are refused. */
function checkArgs(req: FastifyRequest, bodyArgs: boolean, allowed: string[] = []): void {
  validateArgs(
    kwargsOf(req, { bodyArgs }),
    allowed.map((n) => [n, (_: string, v: unknown) => v]),
  )
}

async function listTraits(req: NodeRequest) {
  gate(req)
  checkArgs(req, false)
  const node = await pathNode(req, 'node')
  const traits = await traitsByNode(req.server.deps.database.db, [node.id])
  return { traits: traits.get(node.id) ?? [] }
}

/** The body of a PUT as Ironic's `@method.body` passes it: `{}` when empty. */
function putBody(req: FastifyRequest): unknown {
  return req.body === undefined ? {} : req.body
}

const invalid = (message: string) => new IronicError(message, { code: 'INVALID', status: 400 })

async function replaceTraits(req: NodeRequest, reply: FastifyReply) {
  gate(req)
  checkArgs(req, false, ['trait', 'body'])
  const body = putBody(req)
  checkTraitsBody(body)
  const node = await pathNode(req, 'node')
  const traits = (body as { traits?: string[] }).traits
  if (traits === undefined) throw invalid(ONE_OR_ALL)
  await callNode(req, node, 'add_node_traits', { traits, replace: true })
  return reply.code(204).send()
}

async function addTrait(req: TraitRequest, reply: FastifyReply) {
  gate(req)
  checkArgs(req, false, ['trait', 'body'])
  checkTrait('trait', req.params.trait)
  const body = putBody(req)
  checkTraitsBody(body)
  const node = await pathNode(req, 'node')
  if ((body as { traits?: unknown }).traits !== undefined) throw invalid(ONE_OR_ALL)
  if (Object.keys(body as object).length > 0) {
    throw invalid('No body should be provided when adding a trait')
  }
  await callNode(req, node, 'add_node_traits', { traits: [req.params.trait], replace: false })
  const location = nodeUrl(req, `${req.params.ident}/traits/${req.params.trait}`)
  return reply.code(204).header('Location', location).send()
}

async function clearTraits(req: NodeRequest, reply: FastifyReply) {
  gate(req)
  checkArgs(req, true, ['trait'])
  const node = await pathNode(req, 'node')
  await callNode(req, node, 'remove_node_traits', { traits: null })
  return reply.code(204).send()
}

async function removeTrait(req: TraitRequest, reply: FastifyReply) {
  gate(req)
  checkArgs(req, true, ['trait'])
  string('trait', req.params.trait)
  const node = await pathNode(req, 'node')
  await callNode(req, node, 'remove_node_traits', { traits: [req.params.trait] })
  return reply.code(204).send()
}
