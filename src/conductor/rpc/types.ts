/**
 * @module The conductor's RPC surface: named methods taking and returning plain JSON, called
 * in-process under `anvil serve` and over JSON-RPC when API and conductors are separate.
 */
import type { ConductorService } from '../service.js'

/** One RPC method. `params` is plain JSON; so is the result. */
export type RpcMethod = (svc: ConductorService, params: Record<string, unknown>) => Promise<unknown>

/** Where a call goes: the conductor owning a node, or a named conductor. */
export type RpcTarget =
  | { node: { uuid: string; driver: string; conductor_group: string } }
  | { host: string }

export interface RpcClient {
  call<T = unknown>(target: RpcTarget, method: string, params: Record<string, unknown>): Promise<T>
}

/** An error as it crosses RPC; rebuilt into an IronicError with the same status and message. */
export interface RpcErrorPayload {
  code: string
  status: number
  message: string
}
