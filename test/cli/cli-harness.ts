/**
 * @module Test harness for the `anvil` client: runs the built binary (dist/) as a child process
 * against a live server, and a tiny scripted Bare Metal API for edge cases.
 */
import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

/** The built CLI entry point (tests assume `npm run build` ran). */
export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node dist/src/cli/main.js ...args` without blocking the event loop (servers run in-process). */
export function runCli(args: readonly string[], env: Record<string, string> = {}, cmd?: string[]): Promise<CliResult> {
  const base: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('OS_')) base[k] = v
  }
  const [file, ...pre] = cmd ?? [process.execPath, CLI]
  return new Promise((resolve, reject) => {
    const child = spawn(file!, [...pre, ...args], { env: { ...base, ANVIL_WAIT_INTERVAL: '0.05', ANVIL_RETRY_INTERVAL: '0.01', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A recorded request to the scripted server. */
export interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type Handler = (req: Seen) => { status: number; body?: unknown; headers?: Record<string, string> }

/** A scripted HTTP server on 127.0.0.1 that records requests. */
export async function scriptedServer(handler: Handler): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = []
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      const s: Seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }
      seen.push(s)
      const out = handler(s)
      res.writeHead(out.status, { 'Content-Type': 'application/json', ...out.headers })
      res.end(out.body === undefined ? '' : JSON.stringify(out.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Ironic's root document advertising a maximum version. */
export function rootDoc(max: string): unknown {
  const v = { id: 'v1', links: [], status: 'CURRENT', min_version: '1.1', version: max }
  return { name: 'OpenStack Ironic API', default_version: v, versions: [v] }
}

/** Ironic's error body. */
export function ironicError(faultstring: string): unknown {
  return { error_message: JSON.stringify({ faultcode: 'Client', faultstring, debuginfo: null }) }
}

/** A TCP port on 127.0.0.1 with nothing listening. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
