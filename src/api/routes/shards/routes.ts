/**
 * @module GET /v1/shards (≥1.82): how many nodes each shard holds (Ironic's `ShardController`).
 * There is no single shard to show: `GET /v1/shards/{name}` is always a 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../../common/errors.js'
import { route } from '../../http.js'
import { MINOR } from '../../versions.js'
import { kwargsOf, validateArgs } from '../node-misc/args.js'
import { pecanAbort } from '../ports/args.js'
import { listShards } from './store.js'

/** Registers the shard endpoints. */
export function registerShardRoutes(app: FastifyInstance): void {
  route(app, '/v1/shards', { GET: getShards })
  route(app, '/v1/shards/:name', { GET: getShard })
}

/** Ironic's `api_version` decorator: 404 with its message before 1.82. */
function gate(req: FastifyRequest): void {
  if (req.minor < MINOR.NODE_SHARD) throw pecanAbort(404, 'The API version does not allow shards')
}

async function getShards(req: FastifyRequest) {
  gate(req)
  // Ironic's handler takes no arguments and fails with 500 on any; Anvil answers 400.
  validateArgs(kwargsOf(req, { bodyArgs: false }), [])
  return { shards: await listShards(req.server.deps.database.db) }
}

/** `get_one`: explicitly not supported (pecan's plain 404 once the version allows shards). */
function getShard(req: FastifyRequest) {
  gate(req)
  throw new NotFoundError()
}
