/**
 * @module The conductor service: the node operations it exposes over RPC, and shutdown that
 * waits for the background work it started.
 */
import { IronicError } from '../common/errors.js'
import type { ConductorContext } from './context.js'
import { METHODS } from './methods/index.js'
import type { RpcMethod } from './rpc/types.js'

export class ConductorService {
  readonly ctx: ConductorContext
  readonly #methods: Readonly<Record<string, RpcMethod>>

  constructor(ctx: ConductorContext, methods: Readonly<Record<string, RpcMethod>> = METHODS) {
    this.ctx = ctx
    this.#methods = methods
  }

  /** Runs a method by name (the entry point of both local and JSON-RPC calls). */
  async call(method: string, params: Record<string, unknown>): Promise<unknown> {
    const fn = this.#methods[method]
    if (!fn) throw new IronicError(`Unknown conductor method ${method}`, { code: 'RPC_UNKNOWN_METHOD', status: 500 })
    return fn(this, params)
  }

  /** Waits for in-flight background work (bounded), e.g. on SIGTERM. */
  async drain(timeoutMs = 10_000): Promise<void> {
    const all = Promise.allSettled([...this.ctx.inFlight])
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())])
  }
}
