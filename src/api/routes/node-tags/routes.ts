/**
 * @module /v1/nodes/{node}/tags: Anvil's node tags, after Ironic's approved but never shipped
 * "Nodes tagging" spec (API-WG tags guideline). Available at every microversion.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isoTimestamp } from '../../../common/clock.js'
import { IronicError, PreconditionFailedError } from '../../../common/errors.js'
import type { NodeRecord } from '../../../db/repos/nodes.js'
import {
  addTag,
  hasTag,
  listTags,
  removeAllTags,
  removeTag,
  replaceTags,
  type TagChange,
} from '../../../db/repos/node-tags.js'
import { checkIfMatch, etagOf, route } from '../../http.js'
import { validateSchema } from '../../../common/json-schema.js'
import { getNode, nodeNotFound } from '../nodes/lookup.js'
import { TAGS_BODY_SCHEMA, TAG_SCHEMA } from './schema.js'

type NodeReq = FastifyRequest<{ Params: { ident: string } }>
type TagReq = FastifyRequest<{ Params: { ident: string; tag: string } }>

export function registerNodeTagRoutes(app: FastifyInstance): void {
  route(app, '/v1/nodes/:ident/tags', {
    GET: listHandler,
    PUT: replaceHandler,
    DELETE: clearHandler,
  })
  route(app, '/v1/nodes/:ident/tags/:tag', {
    GET: checkHandler,
    PUT: addHandler,
    DELETE: removeHandler,
  })
}

function tagNotFound(node: NodeRecord, tag: string): IronicError {
  return new IronicError(`Node ${node.uuid} doesn't have a tag '${tag}'`, {
    code: 'NODE_TAG_NOT_FOUND',
    status: 404,
  })
}

/** The node of the path, after If-Match; with If-Match, writes are compare-and-set. */
async function nodeForWrite(
  req: NodeReq | TagReq,
): Promise<{ node: NodeRecord; revision?: number }> {
  const node = await getNode(req.server.deps.database, req.params.ident, req.minor)
  checkIfMatch(req, etagOf(node))
  return req.headers['if-match'] === undefined ? { node } : { node, revision: node.revision }
}

/** 204 with the node's new ETag, or the error a failed write means. */
async function finish(
  req: NodeReq | TagReq,
  reply: FastifyReply,
  node: NodeRecord,
  change: TagChange,
) {
  if (change === 'stale') {
    if (req.headers['if-match'] !== undefined) throw new PreconditionFailedError()
    throw nodeNotFound(req.params.ident)
  }
  if (change === 'absent') throw tagNotFound(node, (req as TagReq).params.tag)
  const fresh = await getNode(req.server.deps.database, node.uuid, req.minor)
  return reply.code(204).header('ETag', etagOf(fresh)).send()
}

function writeOptions(req: FastifyRequest, revision: number | undefined) {
  return { now: isoTimestamp(req.server.deps.clock.now()), revision }
}

async function listHandler(req: NodeReq, reply: FastifyReply) {
  const node = await getNode(req.server.deps.database, req.params.ident, req.minor)
  const tags = await listTags(req.server.deps.database.db, node.id)
  void reply.header('ETag', etagOf(node))
  return { tags }
}

async function replaceHandler(req: NodeReq, reply: FastifyReply) {
  validateSchema('tags', TAGS_BODY_SCHEMA, req.body ?? null)
  const tags = [...new Set((req.body as { tags: string[] }).tags)]
  const { node, revision } = await nodeForWrite(req)
  const change = await replaceTags(
    req.server.deps.database.db,
    node.id,
    tags,
    writeOptions(req, revision),
  )
  return finish(req, reply, node, change)
}

async function clearHandler(req: NodeReq, reply: FastifyReply) {
  const { node, revision } = await nodeForWrite(req)
  const change = await removeAllTags(
    req.server.deps.database.db,
    node.id,
    writeOptions(req, revision),
  )
  return finish(req, reply, node, change)
}

/** API-WG: GET on one tag answers 204 when the node has it, 404 otherwise. */
async function checkHandler(req: TagReq, reply: FastifyReply) {
  validateSchema('tag', TAG_SCHEMA, req.params.tag)
  const node = await getNode(req.server.deps.database, req.params.ident, req.minor)
  if (!(await hasTag(req.server.deps.database.db, node.id, req.params.tag))) {
    throw tagNotFound(node, req.params.tag)
  }
  return reply.code(204).header('ETag', etagOf(node)).send()
}

async function addHandler(req: TagReq, reply: FastifyReply) {
  validateSchema('tag', TAG_SCHEMA, req.params.tag)
  const { node, revision } = await nodeForWrite(req)
  const change = await addTag(
    req.server.deps.database.db,
    node.id,
    req.params.tag,
    writeOptions(req, revision),
  )
  return finish(req, reply, node, change)
}

async function removeHandler(req: TagReq, reply: FastifyReply) {
  const { node, revision } = await nodeForWrite(req)
  const change = await removeTag(
    req.server.deps.database.db,
    node.id,
    req.params.tag,
    writeOptions(req, revision),
  )
  return finish(req, reply, node, change)
}
