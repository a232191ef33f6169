/**
 * @module The conductor's JSON-RPC 2.0 endpoint (`POST /`), serving ConductorService methods
 * to API processes (Ironic's `rpc_transport = json-rpc`).
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { IronicError } from '../../common/errors.js'
import type { ConductorService } from '../service.js'

export function buildJsonRpcServer(service: ConductorService): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 })
  app.post('/', async (req) => {
    const { id = null, method, params } = (req.body ?? {}) as { id?: unknown; method?: string; params?: Record<string, unknown> }
    if (typeof method !== 'string') return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid Request' } }
    try {
      const result = await service.call(method, params ?? {})
      return { jsonrpc: '2.0', id, result: result ?? null }
    } catch (err) {
      const e = err instanceof IronicError ? err : new IronicError('Internal conductor error', { status: 500, code: 'INTERNAL_ERROR' })
      if (!(err instanceof IronicError)) service.ctx.log.error({ err }, `rpc ${method} failed`)
      return { jsonrpc: '2.0', id, error: { code: -32000, message: e.message, data: { code: e.code, status: e.status, message: e.message } } }
    }
  })
  return app
}
