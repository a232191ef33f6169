/**
 * @module `--wait`: polls nodes until they reach a provision or power state. On a terminal a live
 * single line (state → target, elapsed time) is redrawn in place; otherwise a plain line is
 * printed whenever a node's state changes. Failures and time-outs exit non-zero.
 */
import { ClientError } from './errors.js'
import type { BareMetalClient } from './http-client.js'

type Node = Record<string, unknown>

/** What a poll of one node says. */
export type WaitVerdict = { kind: 'done' } | { kind: 'pending' } | { kind: 'failed'; message: string }

/** What to wait for. */
export interface WaitSpec {
  /** e.g. "provision state active" */
  goal: string
  /** Fields to fetch (API 1.8+ `fields`). */
  fields: readonly string[]
  check(ident: string, node: Node): WaitVerdict
  /** Current state shown to the user: "deploying → active". */
  describe(node: Node): string
}

/** Seconds between polls: ANVIL_WAIT_INTERVAL (for tests) or 2. */
export function pollInterval(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ANVIL_WAIT_INTERVAL)
  return Number.isFinite(v) && v > 0 ? v : 2
}

const show = (v: unknown): string => (v === null || v === undefined ? 'None' : String(v))

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function elapsed(startMs: number): string {
  const s = Math.floor((Date.now() - startMs) / 1000)
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

/** Provision-state wait: done at `expected`, failed on `error`/`* failed` or an unexpected stable state. */
export function provisionWait(expected: string): WaitSpec {
  return {
    goal: `provision state ${expected}`,
    fields: ['uuid', 'provision_state', 'target_provision_state', 'last_error'],
    check(ident, node) {
      const state = String(node.provision_state)
      if (state === expected) return { kind: 'done' }
      if (state === 'error' || state.endsWith(' failed')) {
        return {
          kind: 'failed',
          message: `Node ${ident} failed to reach state ${expected}. It's in state ${state}, and has error: ${String(node.last_error)}`,
        }
      }
      if (!node.target_provision_state) {
        const err = node.last_error ? `, and has error: ${String(node.last_error)}` : ''
        return { kind: 'failed', message: `Node ${ident} failed to reach state ${expected}. It's in unexpected stable state ${state}${err}` }
      }
      return { kind: 'pending' }
    },
    describe: (node) =>
      node.target_provision_state ? `${show(node.provision_state)} → ${show(node.target_provision_state)}` : show(node.provision_state),
  }
}

/** Power-state wait: done when no power transition is left and the node is in `expected`. */
export function powerWait(expected: string): WaitSpec {
  return {
    goal: `power state ${expected}`,
    fields: ['uuid', 'power_state', 'target_power_state', 'last_error'],
    check(ident, node) {
      if (node.target_power_state) return { kind: 'pending' }
      if (node.power_state === expected) return { kind: 'done' }
      const err = node.last_error ? `, and has error: ${String(node.last_error)}` : ''
      return {
        kind: 'failed',
        message: `Node ${ident} failed to reach power state ${expected}. It's in power state ${show(node.power_state)}${err}`,
      }
    },
    describe: (node) =>
      node.target_power_state ? `${show(node.power_state)} → ${show(node.target_power_state)}` : show(node.power_state),
  }
}

/** Where progress goes; a TTY gets the live line. */
export interface ProgressSink {
  isTTY?: boolean
  write(text: string): unknown
}

/** Waits for every node; timeout 0 waits forever. */
export async function waitForNodes(
  client: BareMetalClient,
  idents: readonly string[],
  spec: WaitSpec,
  timeoutSec: number,
  sink: ProgressSink = process.stdout,
): Promise<void> {
  const start = Date.now()
  const intervalMs = pollInterval() * 1000
  const tty = sink.isTTY === true
  const status = new Map<string, string>()
  let pending = [...idents]
  const width = (sink as { columns?: number }).columns ?? 0
  const fit = (text: string) => (width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text)
  const line = () => fit(`Waiting for ${spec.goal}: ${[...status].map(([n, s]) => `${n}: ${s}`).join(', ')} (${elapsed(start)})`)
  const ticker = tty ? setInterval(() => void sink.write(`\r\x1b[2K${line()}`), 1000) : undefined
  ticker?.unref()
  const fields = (await client.minor()) >= 8 ? { fields: spec.fields.join(',') } : undefined
  if (!tty) sink.write(`Waiting for ${spec.goal} on node(s) ${idents.join(', ')}\n`)
  try {
    for (;;) {
      const still: string[] = []
      for (const ident of pending) {
        const node = await client.get(`/nodes/${encodeURIComponent(ident)}`, fields)
        const verdict = spec.check(ident, node)
        const now = spec.describe(node)
        if (!tty && status.get(ident) !== now) sink.write(`${ident}: ${now} (${elapsed(start)})\n`)
        status.set(ident, now)
        if (verdict.kind === 'failed') throw new ClientError(verdict.message)
        if (verdict.kind === 'pending') still.push(ident)
      }
      pending = still
      if (tty) sink.write(`\r\x1b[2K${line()}`)
      if (pending.length === 0) break
      const remaining = timeoutSec * 1000 - (Date.now() - start)
      if (timeoutSec > 0 && remaining <= 0) {
        throw new ClientError(`Node(s) ${pending.join(', ')} failed to reach ${spec.goal} in ${timeoutSec} seconds`)
      }
      await sleep(timeoutSec > 0 ? Math.min(intervalMs, remaining) : intervalMs)
    }
    const done = `Node(s) ${idents.join(', ')} reached ${spec.goal} in ${elapsed(start)}`
    sink.write(tty ? `\r\x1b[2K${done}\n` : `${done}\n`)
  } catch (err) {
    if (tty) sink.write('\n')
    throw err
  } finally {
    if (ticker) clearInterval(ticker)
  }
}
