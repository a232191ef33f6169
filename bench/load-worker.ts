/**
 * @module The benchmark's client side, run in a worker thread so that it does not share the
 * in-process server's event loop. Jobs arrive as messages; each answer carries the job's id.
 */
import { parentPort } from 'node:worker_threads'
import { HttpClient, runBatch, runLoad, type LoadResult } from './http-load.js'

/** API version every benchmark request asks for. */
export const BENCH_VERSION = '1.82'

/** Create `count` fake-hardware nodes named `<prefix><i>` with `concurrency` loops. */
export interface CreateJob {
  kind: 'create'
  origin: string
  count: number
  concurrency: number
  prefix: string
}
/** GET /v1/nodes/{uuid} over `uuids` for `durationMs`. */
export interface GetJob {
  kind: 'get'
  origin: string
  uuids: string[]
  concurrency: number
  durationMs: number
  warmupMs: number
}
/** GET /v1/nodes/detail?limit=`limit`, `runs` times in a row. */
export interface DetailJob {
  kind: 'detail'
  origin: string
  limit: number
  runs: number
}
/** Any job. */
export type Job = CreateJob | GetJob | DetailJob

/** Answer to a create job. */
export interface CreateResult {
  uuids: string[]
  ms: number
  failures: number
  firstFailure: string | undefined
}
/** Answer to a detail job. */
export interface DetailResult {
  timings: number[]
  status: number
  nodes: number
  bytes: number
}

async function create(job: CreateJob): Promise<CreateResult> {
  const client = new HttpClient(job.origin, { sockets: job.concurrency, version: BENCH_VERSION })
  const body = (i: number) => ({ driver: 'fake-hardware', name: `${job.prefix}${i}` })
  const { answers, ms } = await runBatch(client, job.count, job.concurrency, (i) => ({
    method: 'POST',
    path: '/v1/nodes',
    body: body(i),
  }))
  client.close()
  const failed = answers.filter((a) => a.status !== 201)
  const uuids = answers
    .filter((a) => a.status === 201)
    .map((a) => (JSON.parse(a.body) as { uuid: string }).uuid)
  const first = failed[0]
  return {
    uuids,
    ms,
    failures: failed.length,
    firstFailure: first && `${first.status} ${first.body}`,
  }
}

async function get(job: GetJob): Promise<LoadResult> {
  const client = new HttpClient(job.origin, { sockets: job.concurrency, version: BENCH_VERSION })
  const n = job.uuids.length
  const result = await runLoad(client, (i) => ({ path: `/v1/nodes/${job.uuids[i % n]}` }), {
    concurrency: job.concurrency,
    durationMs: job.durationMs,
    warmupMs: job.warmupMs,
    okStatus: 200,
  })
  client.close()
  return result
}

async function detail(job: DetailJob): Promise<DetailResult> {
  const client = new HttpClient(job.origin, { sockets: 1, version: BENCH_VERSION })
  const timings: number[] = []
  let last = { status: 0, body: '' }
  for (let r = 0; r < job.runs; r++) {
    const t0 = performance.now()
    last = await client.request({ path: `/v1/nodes/detail?limit=${job.limit}` })
    timings.push(performance.now() - t0)
  }
  client.close()
  const nodes =
    last.status === 200 ? (JSON.parse(last.body) as { nodes: unknown[] }).nodes.length : 0
  return { timings, status: last.status, nodes, bytes: Buffer.byteLength(last.body) }
}

function run(job: Job): Promise<unknown> {
  switch (job.kind) {
    case 'create':
      return create(job)
    case 'get':
      return get(job)
    case 'detail':
      return detail(job)
  }
}

parentPort?.on('message', (msg: { id: number; job: Job }) => {
  run(msg.job).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (err: unknown) =>
      parentPort?.postMessage({ id: msg.id, error: String((err as Error)?.stack ?? err) }),
  )
})
