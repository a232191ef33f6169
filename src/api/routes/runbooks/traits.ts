/**
 * @module /v1/runbooks/{runbook}/traits (≥1.112): list, replace and clear a runbook's traits,
 * add or remove one (Ironic's `RunbookTraitsController`). From 1.112 a node may run a runbook
 * when it has one of the runbook's traits. Changes bump the runbook's revision (its ETag).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { IronicError } from '../../../common/errors.js'
import {
  addRunbookTrait,
  removeRunbookTraits,
  setRunbookTraits,
} from '../../../db/repos/runbooks.js'
import { baseUrl, route, type Handler } from '../../http.js'
import { MINOR } from '../../versions.js'
import { kwargsOf, string, validateArgs } from '../node-misc/args.js'
import { checkTrait, checkTraitsBody } from '../node-traits/schema.js'
import { pecanAbort } from '../ports/args.js'
import { loadRunbook, runbooksGate } from './view.js'

type RunbookReq = FastifyRequest<{ Params: { ident: string } }>
type TraitReq = FastifyRequest<{ Params: { ident: string; trait: string } }>

/** Runbooks need 1.92, then their traits 1.112 (pecan's 404 for every method). */
function gated(handler: Handler): Handler {
  return runbooksGate((req, reply) => {
    if (req.minor < MINOR.RUNBOOK_TRAITS) {
      throw pecanAbort(404, 'The API version does not allow runbook traits')
    }
    return handler(req, reply)
  })
}

/** Registers the runbook trait endpoints. */
export function registerRunbookTraitRoutes(app: FastifyInstance): void {
  route(app, '/v1/runbooks/:ident/traits', {
    GET: gated(listTraits),
    PUT: gated(replaceTraits),
    DELETE: gated(clearTraits),
  })
  route(app, '/v1/runbooks/:ident/traits/:trait', {
    PUT: gated(addTrait),
    DELETE: gated(removeTrait),
  })
}

const ONE_OR_ALL =
  'A single runbook trait may be added via PUT /v1/runbooks/<runbook identifier>/traits/<trait> ' +
  'with no body, or all runbook traits may be replaced via PUT /v1/runbooks/<runbook ' +
  'identifier>/traits with the list of traits specified in the request body.'

const invalid = (message: string) => new IronicError(message, { code: 'INVALID', status: 400 })

/** Query arguments (and body keys when `bodyArgs`) outside `allowed` are refused. */
function checkArgs(req: FastifyRequest, bodyArgs: boolean, allowed: string[] = []): void {
  validateArgs(
    kwargsOf(req, { bodyArgs }),
    allowed.map((n) => [n, (_: string, v: unknown) => v]),
  )
}

/** The body of a PUT as Ironic's `@method.body` passes it: `{}` when empty. */
function putBody(req: FastifyRequest): unknown {
  return req.body === undefined ? {} : req.body
}

const runbookOf = (req: RunbookReq) => loadRunbook(req.server.deps.database, req.params.ident)

async function listTraits(req: RunbookReq) {
  checkArgs(req, false)
  const rb = await runbookOf(req)
  return { traits: rb.traits }
}

async function replaceTraits(req: RunbookReq, reply: FastifyReply) {
  checkArgs(req, false, ['trait', 'body'])
  const body = putBody(req)
  checkTraitsBody(body)
  const rb = await runbookOf(req)
  const traits = (body as { traits?: string[] }).traits
  if (traits === undefined) throw invalid(ONE_OR_ALL)
  await setRunbookTraits(req.server.deps.database.db, rb.id, traits)
  return reply.code(204).send()
}

async function addTrait(req: TraitReq, reply: FastifyReply) {
  checkArgs(req, false, ['trait', 'body'])
  checkTrait('trait', req.params.trait)
  const body = putBody(req)
  checkTraitsBody(body)
  const rb = await runbookOf(req)
  if ((body as { traits?: unknown }).traits !== undefined) throw invalid(ONE_OR_ALL)
  if (Object.keys(body as object).length > 0) {
    throw invalid('No body should be provided when adding a trait')
  }
  await addRunbookTrait(req.server.deps.database.db, rb.id, req.params.trait)
  const base = baseUrl(req, req.server.deps.settings.publicEndpoint)
  const location = `${base}/v1/runbooks/${req.params.ident}/traits/${req.params.trait}`
  return reply.code(204).header('Location', location).send()
}

async function clearTraits(req: RunbookReq, reply: FastifyReply) {
  checkArgs(req, true, ['trait'])
  const rb = await runbookOf(req)
  await removeRunbookTraits(req.server.deps.database.db, rb.id)
  return reply.code(204).send()
}

/** Removing a trait the runbook does not have is a no-op, as in Ironic. */
async function removeTrait(req: TraitReq, reply: FastifyReply) {
  checkArgs(req, true, ['trait'])
  string('trait', req.params.trait)
  const rb = await runbookOf(req)
  await removeRunbookTraits(req.server.deps.database.db, rb.id, req.params.trait)
  return reply.code(204).send()
}
