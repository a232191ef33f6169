/**
 * @module Sends each call to the conductor that owns the node (hash ring): in-process when it is
 * this process's conductor, JSON-RPC over HTTP otherwise.
 */
import { ClientSideError, IronicError } from '../../common/errors.js'
import type { HashRingDirectory } from '../directory.js'
import type { ConductorService } from '../service.js'
import type { RpcClient, RpcErrorPayload, RpcTarget } from './types.js'

export class RpcRouter implements RpcClient {
  readonly #directory: HashRingDirectory
  readonly #local: ConductorService | undefined

  constructor(directory: HashRingDirectory, local?: ConductorService) {
    this.#directory = directory
    this.#local = local
  }

  async call<T>(target: RpcTarget, method: string, params: Record<string, unknown>): Promise<T> {
    const host = 'host' in target ? target.host : this.#directory.conductorFor(target.node)
    if (host === null) {
      const n = 'node' in target ? target.node : undefined
      throw new ClientSideError(
        `No valid host was found. Reason: No conductor service registered which supports driver ${n?.driver} for conductor group "${n?.conductor_group ?? ''}".`,
      )
    }
    if (this.#local && host === this.#local.ctx.hostname) return (await this.#local.call(method, params)) as T
    const url = this.#directory.rpcUrlOf(host)
    if (!url) throw new IronicError(`Conductor ${host} has no RPC endpoint.`, { status: 503, code: 'NO_FREE_CONDUCTOR' })
    return callRemote<T>(url, method, params)
  }
}

let nextId = 1

/** One JSON-RPC 2.0 call; errors come back as IronicErrors with the remote status. */
export async function callRemote<T>(url: string, method: string, params: Record<string, unknown>): Promise<T> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      signal: AbortSignal.timeout(60_000),
    })
  } catch (err) {
    throw new IronicError(`Conductor at ${url} is unreachable: ${(err as Error).message}`, {
      status: 503,
      code: 'CONDUCTOR_UNREACHABLE',
    })
  }
  const body = (await res.json()) as { result?: T; error?: { data?: RpcErrorPayload; message: string } }
  if (body.error) {
    const d = body.error.data
    throw new IronicError(d?.message ?? body.error.message, { status: d?.status ?? 500, code: d?.code ?? 'RPC_ERROR' })
  }
  return body.result as T
}
