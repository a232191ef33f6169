/**
 * @module Every RPC method of the conductor, by name. Each module adds its own table.
 */
import type { RpcMethod } from '../rpc/types.js'

export const METHODS: Readonly<Record<string, RpcMethod>> = {
  ping: async (svc) => ({ hostname: svc.ctx.hostname }),
}
