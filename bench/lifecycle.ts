/**
 * @module `npm run bench:lifecycle`: 100 fake-hardware nodes taken through manage, provide (with
 * automated cleaning) and deploy at once, timed from the last request answered until every node
 * reached the state (target for deploy: < 0.5 s); then the idle CPU of a separate `anvil serve`
 * holding 1,000 managed nodes over one power sync interval (target: < 0.5 % of a core).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../src/common/config.js'
import { createAnvil } from '../src/service/anvil.js'
import { count, ms, renderTable, type ReportLine } from './report.js'
import { serveChild } from './serve.js'

const NODES = Number(process.env.BENCH_NODES ?? 100)
const IDLE_NODES = Number(process.env.BENCH_IDLE_NODES ?? 1000)
// one [conductor]sync_power_state_interval: the window holds one power sync pass
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 120)
const POLL_MS = 10
const DEPLOY_TARGET_MS = 500
const CPU_TARGET_PERCENT = 0.5
/** Seconds per clock tick of /proc/<pid>/stat (`getconf CLK_TCK` is 100 on Linux). */
const TICK_S = 0.01
const HEADERS = { 'x-openstack-ironic-api-version': 'latest', 'content-type': 'application/json' }

/** One phase's figures, in wall-clock milliseconds. */
interface PhaseResult {
  /** First request sent → last 202 received. */
  requests: number
  /** Last 202 → the last node entered the state (its `provision_updated_at`). */
  afterLast: number
  /** Last 202 → the poll that first saw every node settled (state reached, lock released). */
  polledAfterLast: number
  /** CPU time this process (API + conductor + client) used from the first request to the poll. */
  cpu: number
  start: number
  end: number
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec))

type Answer = { status: number; json: any }

async function request(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined }
}

/** Sends one request per item, 10 at a time, each expecting `status`; the answers. */
async function each<T>(items: readonly T[], status: number, send: (item: T) => Promise<Answer>) {
  const out: any[] = []
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const r = await send(items[next++]!)
      if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.json)}`)
      out.push(r.json)
    }
  }
  await Promise.all(Array.from({ length: 10 }, worker))
  return out
}

/** Creates `n` fake-hardware nodes; their UUIDs. */
async function createNodes(origin: string, n: number, prefix: string): Promise<string[]> {
  const names = Array.from({ length: n }, (_, i) => `${prefix}${i}`)
  const body = (name: string) => ({ name, driver: 'fake-hardware' })
  const nodes = await each(names, 201, (name) => request(origin, 'POST', '/v1/nodes', body(name)))
  return nodes.map((node: { uuid: string }) => node.uuid)
}

/** Polls the node list every POLL_MS until every node is in `state`, untargeted and unlocked. */
async function waitSettled(
  origin: string,
  uuids: ReadonlySet<string>,
  state: string,
  deadline: number,
): Promise<void> {
  const fields = 'uuid,provision_state,target_provision_state,reservation,last_error'
  const path = `/v1/nodes?fields=${fields}&limit=1000`
  for (;;) {
    const { json } = await request(origin, 'GET', path)
    const nodes = (json.nodes as Array<Record<string, string | null>>).filter((n) =>
      uuids.has(n.uuid!),
    )
    const failed = nodes.find((n) => n.provision_state?.endsWith('failed'))
    if (failed)
      throw new Error(
        `node ${failed.uuid} failed (${failed.provision_state}): ${failed.last_error}`,
      )
    const settled = (n: Record<string, string | null>) =>
      n.provision_state === state && n.target_provision_state === null && n.reservation === null
    if (nodes.length === uuids.size && nodes.every(settled)) return
    if (Date.now() > deadline) throw new Error(`nodes did not all reach "${state}" in time`)
    await sleep(POLL_MS)
  }
}

type Db = Awaited<ReturnType<typeof createAnvil>>['database']['db']

/** Fires `target` at every node at once and times it; undefined when the endpoint is missing. */
async function phase(
  origin: string,
  db: Db,
  uuids: string[],
  target: string,
  state: string,
): Promise<PhaseResult | undefined> {
  const start = Date.now()
  const cpu0 = process.cpuUsage()
  let lastAnswer = 0
  const answers = await Promise.all(
    uuids.map(async (uuid) => {
      const r = await request(origin, 'PUT', `/v1/nodes/${uuid}/states/provision`, { target })
      lastAnswer = Math.max(lastAnswer, Date.now())
      return r
    }),
  )
  if (answers.every((a) => a.status === 404 || a.status === 405)) return undefined
  const bad = answers.find((a) => a.status !== 202)
  if (bad) throw new Error(`${target}: ${bad.status} ${JSON.stringify(bad.json)}`)
  await waitSettled(origin, new Set(uuids), state, Date.now() + 60_000)
  const polled = Date.now()
  const { user, system } = process.cpuUsage(cpu0)
  const rows = await db
    .selectFrom('nodes')
    .select('provision_updated_at')
    .where('uuid', 'in', uuids)
    .execute()
  const end = Math.max(...rows.map((r) => Date.parse(r.provision_updated_at ?? '')))
  return {
    requests: lastAnswer - start,
    afterLast: end - lastAnswer,
    polledAfterLast: polled - lastAnswer,
    cpu: (user + system) / 1000,
    start,
    end,
  }
}

function line(what: string, value: string, target = '', pass?: boolean): ReportLine {
  return { what, value, target, pass }
}

/** The lines of one phase; the deploy phase has the target. */
function report(lines: ReportLine[], what: string, state: string, r: PhaseResult): void {
  const deploy = state === 'active'
  const cpu = `${ms(r.requests)} (CPU ${ms(r.cpu)})`
  lines.push(line(`${what}: requests sent until the last 202`, cpu))
  const after = r.afterLast > 0 ? ms(r.afterLast) : `0 (done ${ms(-r.afterLast)} before it)`
  const goal = deploy ? `< ${ms(DEPLOY_TARGET_MS)}` : ''
  const pass = deploy ? r.afterLast < DEPLOY_TARGET_MS : undefined
  lines.push(line(`${what}: last 202 until all ${state}`, after, goal, pass))
  const polled = `${what}: ... seen by a ${POLL_MS} ms poll of GET /v1/nodes`
  lines.push(line(polled, ms(r.polledAfterLast)))
}

const PHASES = [
  { target: 'manage', state: 'manageable' },
  { target: 'provide', state: 'available' },
  { target: 'active', state: 'active' },
] as const

/** Part 1: an in-process Anvil (SQLite, fake-hardware, automated cleaning on). */
async function lifecycle(lines: ReportLine[]): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'anvil-bench-lc-'))
  const config = loadConfig({
    env: {},
    stateDir,
    overrides: {
      DEFAULT: { host: 'bench-conductor' },
      api: { port: 0 },
      conductor: { automated_clean: true },
    },
  })
  const anvil = await createAnvil(config)
  const origin = await anvil.listen()
  try {
    const uuids = await createNodes(origin, NODES, 'lc-')
    const results: PhaseResult[] = []
    for (const { target, state } of PHASES) {
      const r = await phase(origin, anvil.database.db, uuids, target, state)
      const what = `${target} x ${NODES}`
      if (!r) {
        lines.push(line(`${what}: PUT /v1/nodes/{id}/states/provision`, 'not available'))
        return
      }
      results.push(r)
      report(lines, what, state, r)
    }
    const total = results.at(-1)!.end - results[0]!.start
    lines.push(
      line(`manage + provide + deploy x ${NODES}: first request until all active`, ms(total)),
    )
  } finally {
    await anvil.close()
    rmSync(stateDir, { recursive: true, force: true })
  }
}

/** utime + stime of a process, in seconds (all its threads). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK_S
}

/**
 * Part 2: CPU used by an idle `anvil serve` child (default configuration) holding IDLE_NODES
 * nodes, enrolled and managed (so that power sync has them to check, as in a fleet at rest).
 */
async function idleCpu(lines: ReportLine[]): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'anvil-bench-idle-'))
  const { child, origin } = await serveChild(stateDir)
  try {
    const uuids = await createNodes(origin, IDLE_NODES, 'idle-')
    const manage = (uuid: string) =>
      request(origin, 'PUT', `/v1/nodes/${uuid}/states/provision`, { target: 'manage' })
    await each(uuids, 202, manage)
    await waitSettled(origin, new Set(uuids), 'manageable', Date.now() + 120_000)
    await sleep(2000)
    const before = cpuSeconds(child.pid!)
    const t0 = performance.now()
    await sleep(IDLE_SECONDS * 1000)
    const used = cpuSeconds(child.pid!) - before
    const percent = (used / ((performance.now() - t0) / 1000)) * 100
    const what = `idle CPU of anvil serve, ${count(IDLE_NODES)} manageable nodes, ${IDLE_SECONDS} s`
    const value = `${percent.toFixed(3)} % (${ms(used * 1000)} CPU)`
    lines.push(
      line(what, value, `< ${CPU_TARGET_PERCENT} % of a core`, percent < CPU_TARGET_PERCENT),
    )
  } finally {
    child.kill('SIGTERM')
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r))
    rmSync(stateDir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  process.stdout.write(
    `Anvil lifecycle benchmark: Node ${process.version}, ${availableParallelism()} CPUs, ` +
      `load average ${load}; SQLite in a temp dir; fake-hardware; HTTP on 127.0.0.1.\n` +
      'Times are wall clock; "all <state>" is the newest provision_updated_at of the nodes.\n',
  )
  const lines: ReportLine[] = []
  try {
    await lifecycle(lines)
    await idleCpu(lines)
  } finally {
    process.stdout.write(`\n${renderTable(lines)}\n`)
  }
  if (IDLE_SECONDS < 120) {
    process.stdout.write(
      `\nThe idle window (${IDLE_SECONDS} s) is shorter than ` +
        '[conductor]sync_power_state_interval (120 s): it holds heartbeats, ring refreshes ' +
        'and takeover checks but may hold no power sync pass (the default, 120, holds one).\n',
    )
  }
  if (lines.some((l) => l.pass === false)) process.exitCode = 1
}

await main()
