/**
 * @module HA harness: two `anvil conductor` processes and one `anvil api` (the compiled CLI) on one
 * PostgreSQL database, each with its own INI file, and a small client for the API and JSON-RPC.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ANVIL_MAIN, cleanEnv, freePort, requireBuild } from '../e2e/harness.js'

/** `[conductor]heartbeat_interval`, `heartbeat_timeout` and `[DEFAULT]hash_ring_reset_interval`. */
export const TIMING = { heartbeatInterval: 1, heartbeatTimeout: 4, ringReset: 1 } as const

/** One child process, with everything it wrote to stderr. */
export interface Member {
  readonly name: string
  readonly role: 'conductor' | 'api'
  /** `[DEFAULT]host` (the conductor's hostname). */
  readonly host: string
  /** The API URL or the conductor's JSON-RPC URL. */
  readonly url: string
  readonly child: ChildProcess
  stderr(): string
  readonly exited: Promise<void>
}

/** Writes an Ironic-style INI file of one member. */
function writeIni(
  file: string,
  host: string,
  db: string,
  ports: { api: number; rpc: number },
): void {
  const ini = [
    '[DEFAULT]',
    `host = ${host}`,
    'enabled_hardware_types = fake-hardware',
    `hash_ring_reset_interval = ${TIMING.ringReset}`,
    '[conductor]',
    `heartbeat_interval = ${TIMING.heartbeatInterval}`,
    `heartbeat_timeout = ${TIMING.heartbeatTimeout}`,
    '[database]',
    `connection = ${db}`,
    '[api]',
    'host_ip = 127.0.0.1',
    `port = ${ports.api}`,
    '[json_rpc]',
    'host_ip = 127.0.0.1',
    `port = ${ports.rpc}`,
    '',
  ]
  writeFileSync(file, ini.join('\n'))
}

/** Spawns `anvil <role> --config-file <dir>/<name>.ini --state-dir <dir>/<name>`. */
async function spawnMember(
  dir: string,
  db: string,
  spec: { name: string; role: 'conductor' | 'api'; host: string },
): Promise<Member> {
  const ports = { api: await freePort(), rpc: await freePort() }
  const ini = join(dir, `${spec.name}.ini`)
  const stateDir = join(dir, spec.name)
  mkdirSync(stateDir, { recursive: true })
  writeIni(ini, spec.host, db, ports)
  const args = [ANVIL_MAIN, spec.role, '--config-file', ini, '--state-dir', stateDir]
  const child = spawn(process.execPath, args, {
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let err = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
  const port = spec.role === 'api' ? ports.api : ports.rpc
  return { ...spec, url: `http://127.0.0.1:${port}`, child, stderr: () => err, exited }
}

/** Waits for the "anvil: serving" line; fails with the member's stderr if it exits first. */
async function ready(m: Member, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!m.stderr().includes('anvil: serving')) {
    if (m.child.exitCode !== null || m.child.signalCode !== null) {
      throw new Error(
        `${m.name} exited (${m.child.exitCode ?? m.child.signalCode}):\n${m.stderr()}`,
      )
    }
    if (Date.now() > deadline)
      throw new Error(`${m.name} did not start in ${timeoutMs} ms:\n${m.stderr()}`)
    await sleep(50)
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Starts conductors `conductor-a` and `conductor-b` and an API, and waits until each serves. */
export async function startCluster(
  dir: string,
  db: string,
): Promise<{ a: Member; b: Member; api: Member }> {
  requireBuild()
  const [a, b, api] = await Promise.all([
    spawnMember(dir, db, { name: 'a', role: 'conductor', host: 'conductor-a' }),
    spawnMember(dir, db, { name: 'b', role: 'conductor', host: 'conductor-b' }),
    spawnMember(dir, db, { name: 'api', role: 'api', host: 'anvil-api' }),
  ])
  const started = { a, b, api }
  try {
    await Promise.all([ready(a, 40_000), ready(b, 40_000), ready(api, 40_000)])
  } catch (err) {
    await killAll(Object.values(started))
    throw err
  }
  return started
}

/** SIGKILLs the members still running and waits for them to exit. */
export async function killAll(members: ReadonlyArray<Member | undefined>): Promise<void> {
  const live = members.filter(
    (m): m is Member => !!m && m.child.exitCode === null && m.child.signalCode === null,
  )
  for (const m of live) m.child.kill('SIGKILL')
  await Promise.all(live.map((m) => m.exited))
}

/** An answer of the API. */
export interface Answer {
  status: number
  body: any
}

/** One API request at the newest microversion. */
export async function call(
  api: Member,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      'x-openstack-ironic-api-version': 'latest',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined }
}

/** One JSON-RPC 2.0 call to a conductor: what the API (or a ramdisk heartbeat) sends it. */
export async function rpc(
  conductor: Member,
  method: string,
  params: Record<string, unknown>,
): Promise<any> {
  const res = await fetch(`${conductor.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(15_000),
  })
  return res.json()
}

/** An error that stops {@link waitFor} at once (other errors are retried until the deadline). */
export class Fatal extends Error {}

/** Polls `probe` until it returns something other than undefined; fails at the deadline. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await probe()
      if (v !== undefined) return v
    } catch (err) {
      if (err instanceof Fatal) throw err
      last = err
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      )
    }
    await sleep(100)
  }
}
