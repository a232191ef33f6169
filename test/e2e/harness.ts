/**
 * @module End-to-end harness: a real `anvil serve` child process driven by Debian's
 * `baremetal` CLI.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freshDatabase, type Dialect } from '../helpers/anvil.js'

/** Repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The compiled CLI (`npm run build`, or `npm ci` through `prepare`). */
export const ANVIL_MAIN = join(ROOT, 'dist/src/cli/main.js')
/** The conductor hostname every e2e server registers as. */
export const E2E_HOST = 'e2e-conductor'
/** Timeout of the e2e hooks (server start and stop, plus a CLI run or two on a busy machine). */
export const HOOK_TIMEOUT = 180_000
/** Hardware types and interfaces of the reference Ironic the recordings come from. */
export const REFERENCE_CONF = join(ROOT, 'test/e2e/reference-ironic.conf')

/**
 * Builds an argument vector: literal text splits on whitespace, each `${value}` is one argument.
 * @example cmd`port create ${mac} --node ${uuid} -f json`
 */
export function cmd(strings: TemplateStringsArray, ...values: unknown[]): string[] {
  const out: string[] = []
  strings.forEach((part, i) => {
    out.push(...part.split(/\s+/).filter((w) => w !== ''))
    if (i < values.length) out.push(String(values[i]))
  })
  return out
}

/** What one `baremetal` run printed. */
export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** A live Anvil child process and a `baremetal` bound to it. */
export interface E2eServer {
  readonly url: string
  readonly port: number
  readonly stateDir: string
  readonly dialect: Dialect
  /** Runs `baremetal <args>`; never throws on a non-zero exit. */
  cli(args: readonly string[]): Promise<CliResult>
  /** Runs `baremetal <args>` expecting exit 0; returns stdout. */
  cliOk(args: readonly string[]): Promise<string>
  /** Runs `baremetal <args> -f json` expecting exit 0; returns the parsed output. */
  cliJson<T = any>(args: readonly string[]): Promise<T>
  /** Stops the server and removes its state. */
  stop(): Promise<void>
}

/** Throws a clear message when dist/ has not been built. */
export function requireBuild(): void {
  if (!existsSync(ANVIL_MAIN)) {
    throw new Error(
      `${ANVIL_MAIN} is missing: the e2e tests run the compiled CLI. Run \`npm run build\` ` +
        '(`npm ci` does it through the `prepare` script) and try again.',
    )
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => ok(port))
    })
  })
}

/** The environment without any OS_* (cloud credentials) or ANVIL_* (config) variables. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('OS_') && !k.startsWith('ANVIL_')) env[k] = v
  }
  return { ...env, ...extra }
}

/** A child process with the tail of its output kept for error messages. */
export interface Spawned {
  readonly child: ChildProcess
  output(): string
  exited: Promise<number | null>
}

/** Starts `node dist/src/cli/main.js <args>`. */
export function spawnAnvil(args: readonly string[], env: NodeJS.ProcessEnv): Spawned {
  requireBuild()
  const child = spawn(process.execPath, [ANVIL_MAIN, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)))
  return { child, output: () => tail, exited }
}

/** Polls `GET <url>/v1` until it answers 200; fails early when the process exits. */
export async function waitForApi(url: string, proc: Spawned, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exitCode: number | null | undefined
  void proc.exited.then((c) => (exitCode = c))
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`anvil serve exited with ${exitCode} before answering:\n${proc.output()}`)
    }
    try {
      const res = await fetch(`${url}/v1`, { signal: AbortSignal.timeout(2000) })
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(
    `anvil serve did not answer GET ${url}/v1 within ${timeoutMs} ms:\n${proc.output()}`,
  )
}

/** Sends SIGTERM, then SIGKILL after 5 s. */
export async function stopProcess(proc: Spawned): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return
  proc.child.kill('SIGTERM')
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 5000)
  await proc.exited
  clearTimeout(timer)
}

/** Runs Debian's `baremetal` CLI against `endpoint` with no auth. */
export function runCli(
  endpoint: string,
  args: readonly string[],
  cacheDir: string,
): Promise<CliResult> {
  const env = cleanEnv({ OS_AUTH_TYPE: 'none', OS_ENDPOINT: endpoint, XDG_CACHE_HOME: cacheDir })
  return new Promise((ok, fail) => {
    execFile(
      'baremetal',
      [...args],
      { env, timeout: 120_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          const why = err.killed ? 'timed out after 120 s' : err.message
          fail(new Error(`cannot run baremetal ${args.join(' ')}: ${why}`))
          return
        }
        ok({ code: err ? Number(err.code) : 0, stdout, stderr })
      },
    )
  })
}

function describeRun(args: readonly string[], r: CliResult): string {
  const cmd = `baremetal ${args.join(' ')}`
  return `${cmd} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`
}

/**
 * Starts `anvil serve --state-dir <tmp> --port <free> --config-file reference-ironic.conf` on a
 * fresh database of `dialect` (PostgreSQL through `ANVIL_DATABASE__CONNECTION`), as conductor
 * {@link E2E_HOST}, and waits for `GET /v1`.
 */
export async function startServer(dialect: Dialect = 'sqlite'): Promise<E2eServer> {
  const stateDir = mkdtempSync(join(tmpdir(), 'anvil-e2e-'))
  const db = await freshDatabase(dialect, stateDir)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = cleanEnv({ ANVIL_DEFAULT__HOST: E2E_HOST, ANVIL_DATABASE__CONNECTION: db.url })
  const proc = spawnAnvil(
    cmd`serve --state-dir ${stateDir} --port ${port} --config-file ${REFERENCE_CONF}`,
    env,
  )
  try {
    await waitForApi(url, proc)
  } catch (err) {
    await stopProcess(proc)
    await db.drop()
    rmSync(stateDir, { recursive: true, force: true })
    throw err
  }
  const cacheDir = join(stateDir, 'client-cache')
  const server: E2eServer = {
    url,
    port,
    stateDir,
    dialect,
    cli: (args) => runCli(url, args, cacheDir),
    async cliOk(args) {
      const r = await runCli(url, args, cacheDir)
      if (r.code !== 0) throw new Error(describeRun(args, r))
      return r.stdout
    },
    async cliJson(args) {
      const out = await server.cliOk([...args, '-f', 'json'])
      try {
        return JSON.parse(out)
      } catch {
        throw new Error(`baremetal ${args.join(' ')} -f json printed no JSON:\n${out}`)
      }
    },
    async stop() {
      await stopProcess(proc)
      await db.drop()
      rmSync(stateDir, { recursive: true, force: true })
    },
  }
  return server
}
