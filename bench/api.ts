/**
 * @module `npm run bench:api`: Bare Metal API throughput, latency, list time and memory, over real
 * HTTP with keep-alive, against targets. The server runs in this process; the load generator runs
 * in a worker thread; the memory figure comes from a separate `anvil serve` child process.
 * Options: `npm run bench:api -- --nodes 10000 --connections 10 --seconds 10`. Exit code 1 when
 * a target is missed. To see where the server spends its time:
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/api.js` (the main thread's profile is the
 * server's; the worker's is the load generator's).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { loadConfig } from '../src/common/config.js'
import { createAnvil } from '../src/service/anvil.js'
import { serveChild } from './serve.js'
import type { LoadResult } from './http-load.js'
import { BENCH_VERSION, type CreateResult, type DetailResult, type Job } from './load-worker.js'
import { count, ms, renderTable, type ReportLine } from './report.js'

const SEQUENTIAL = 1_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** How long the server is left alone before its resident memory is read at rest. */
const REST_MS = 5_000
const { values: args } = parseArgs({
  options: {
    nodes: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
  },
})
/** Run parameters: `--nodes 10000 --connections 10 --seconds 10` (the defaults). */
const opts = {
  nodes: Math.max(SEQUENTIAL, Number(args.nodes)),
  connections: Math.max(1, Number(args.connections)),
  seconds: Math.max(1, Number(args.seconds)),
}
const DETAIL_RUNS = 5
const RSS_NODES = 1_000
const DEADLINE_MS = 115_000
const MIB = 1024 * 1024
/** Temporary state dirs, removed by the phases and, on the deadline, by the watchdog. */
const TEMP_DIRS = new Set<string>()

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  TEMP_DIRS.add(dir)
  return dir
}

/** Runs jobs on the load-generator worker thread. */
class LoadWorker {
  readonly #worker = new Worker(fileURLToPath(new URL('./load-worker.js', import.meta.url)))
  readonly #pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>()
  #next = 0

  constructor() {
    this.#worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.#pending.get(m.id)
      this.#pending.delete(m.id)
      if (m.error !== undefined) p?.fail(new Error(m.error))
      else p?.ok(m.result)
    })
    this.#worker.on('error', (err) => {
      for (const p of this.#pending.values()) p.fail(err)
    })
  }

  run<T>(job: Job): Promise<T> {
    const id = this.#next++
    return new Promise<T>((ok, fail) => {
      this.#pending.set(id, { ok: ok as (v: unknown) => void, fail })
      this.#worker.postMessage({ id, job })
    })
  }

  terminate(): Promise<number> {
    return this.#worker.terminate()
  }
}

function checkCreated(what: string, r: CreateResult): void {
  if (r.failures > 0)
    throw new Error(`${what}: ${r.failures} creates failed; first: ${r.firstFailure}`)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

/** A report line; `pass` undefined means "no target". */
function line(what: string, value: string, target = '', pass?: boolean): ReportLine {
  return { what, value, target, pass }
}

/** Phase 1: the first SEQUENTIAL creates one by one, then the rest with CONNECTIONS loops. */
async function createNodes(worker: LoadWorker, origin: string, lines: ReportLine[]) {
  const job = { kind: 'create', origin } as const
  const seq = await worker.run<CreateResult>({
    ...job,
    count: SEQUENTIAL,
    concurrency: 1,
    prefix: 's-',
  })
  checkCreated('sequential create', seq)
  lines.push(
    line(`POST /v1/nodes x ${count(SEQUENTIAL)}, sequential`, ms(seq.ms), '< 1 s', seq.ms < 1000),
  )
  const n = opts.nodes - SEQUENTIAL
  if (n === 0) return seq.uuids
  const rest = await worker.run<CreateResult>({
    ...job,
    count: n,
    concurrency: opts.connections,
    prefix: 'p-',
  })
  checkCreated('concurrent create', rest)
  const rate = `${ms(rest.ms)} (${count((n / rest.ms) * 1000)}/s)`
  lines.push(line(`POST /v1/nodes x ${count(n)}, ${opts.connections} connections`, rate))
  return [...seq.uuids, ...rest.uuids]
}

/** Phase 2: GET /v1/nodes/{uuid} for opts.seconds after a 1 s warm-up. */
async function getNodes(worker: LoadWorker, origin: string, uuids: string[], lines: ReportLine[]) {
  const { connections, seconds } = opts
  const get = await worker.run<LoadResult>({
    kind: 'get',
    origin,
    uuids,
    concurrency: connections,
    durationMs: seconds * 1000,
    warmupMs: 1000,
  })
  const what = `GET /v1/nodes/{uuid}, ${connections} connections, ${seconds} s`
  const rps = `${count(get.perSecond)} req/s`
  lines.push(line(`${what}: throughput`, rps, '> 5,000 req/s', get.perSecond > 5000))
  lines.push(line(`${what}: p50 latency`, ms(get.p50)))
  lines.push(line(`${what}: p99 latency`, ms(get.p99), '< 20 ms', get.p99 < 20))
  if (get.errors > 0) lines.push(line(`${what}: non-200 answers`, count(get.errors), '0', false))
}

/** Phase 3: GET /v1/nodes/detail over every node, once cold then DETAIL_RUNS times. */
async function detailList(worker: LoadWorker, origin: string, lines: ReportLine[]) {
  const job = { kind: 'detail', origin, limit: opts.nodes, runs: DETAIL_RUNS + 1 } as const
  const det = await worker.run<DetailResult>(job)
  const [cold = NaN, ...warm] = det.timings
  const ok = det.status === 200 && det.nodes === opts.nodes
  const size = `${(det.bytes / MIB).toFixed(1)} MiB`
  const what = `GET /v1/nodes/detail, ${count(det.nodes)} nodes (${size})`
  lines.push(line(`${what}, first`, ms(cold)))
  const mid = median(warm)
  lines.push(line(`${what}, median of ${DETAIL_RUNS}`, ms(mid), '< 300 ms', ok && mid < 300))
}

/** Phases 1-3: an in-process Anvil (SQLite, `[api]max_limit` = opts.nodes). */
async function inProcess(worker: LoadWorker, lines: ReportLine[]): Promise<void> {
  const stateDir = tempDir('anvil-bench-')
  const config = loadConfig({
    env: {},
    stateDir,
    overrides: { DEFAULT: { host: 'bench-conductor' }, api: { port: 0, max_limit: opts.nodes } },
  })
  const anvil = await createAnvil(config)
  const origin = await anvil.listen()
  try {
    const uuids = await createNodes(worker, origin, lines)
    await getNodes(worker, origin, uuids, lines)
    await detailList(worker, origin, lines)
  } finally {
    await anvil.close()
    rmSync(stateDir, { recursive: true, force: true })
  }
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 }
}

/** Phase 4: resident memory of a separate `anvil serve` after RSS_NODES nodes and a detail list. */
async function childMemory(worker: LoadWorker, lines: ReportLine[]): Promise<void> {
  const stateDir = tempDir('anvil-bench-rss-')
  const { child, origin } = await serveChild(stateDir)
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`
  try {
    await sleep(REST_MS)
    lines.push(line('RSS of `anvil serve` at rest after start', mib(rssOf(child.pid ?? 0).rss)))
    const job = { origin, count: RSS_NODES, concurrency: opts.connections, prefix: 'm-' }
    checkCreated('create for RSS', await worker.run<CreateResult>({ kind: 'create', ...job }))
    const det = await worker.run<DetailResult>({
      kind: 'detail',
      origin,
      limit: RSS_NODES,
      runs: 1,
    })
    if (det.nodes !== RSS_NODES) {
      throw new Error(`detail list returned ${det.nodes} nodes (status ${det.status})`)
    }
    const burst = rssOf(child.pid ?? 0)
    const what = `RSS of \`anvil serve\` with ${count(RSS_NODES)} nodes`
    lines.push(line(`${what}, right after creating them and a detail list`, mib(burst.rss)))
    await sleep(REST_MS)
    const { rss, hwm } = rssOf(child.pid ?? 0)
    const value = `${mib(rss)} (peak ${mib(hwm)})`
    lines.push(line(`${what}, at rest ${REST_MS / 1000} s later`, value, '< 100 MiB', rss < 100 * MIB))
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(stateDir, { recursive: true, force: true })
  }
}

function header(): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  const n = count(opts.nodes)
  return (
    `Anvil API benchmark: Node ${process.version}, ${availableParallelism()} CPUs, ` +
    `load average ${load}; SQLite in a temp dir; API version ${BENCH_VERSION}; ` +
    'client: keep-alive node:http in a worker thread.\n' +
    `[api]max_limit is raised to ${n} (default 1,000) for the in-process server, ` +
    `so that one GET /v1/nodes/detail returns all ${n} nodes.\n`
  )
}

async function main(): Promise<void> {
  const started = performance.now()
  const lines: ReportLine[] = []
  const print = () => {
    const took = ms(performance.now() - started)
    process.stdout.write(`\n${renderTable(lines)}\n\ntotal run time ${took}\n`)
  }
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench:api: stopped after ${DEADLINE_MS / 1000} s (deadline)\n`)
    print()
    for (const dir of TEMP_DIRS) rmSync(dir, { recursive: true, force: true })
    process.exit(2)
  }, DEADLINE_MS)
  process.stdout.write(header())
  const worker = new LoadWorker()
  try {
    await inProcess(worker, lines)
    await childMemory(worker, lines)
  } finally {
    await worker.terminate()
    clearTimeout(watchdog)
  }
  print()
  if (lines.some((l) => l.pass === false)) process.exitCode = 1
}

await main()
