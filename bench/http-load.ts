/**
 * @module A small keep-alive HTTP load generator (node:http Agent, N concurrent loops) and the
 * statistics the API benchmark prints. No dependency beyond Node.
 */
import http from 'node:http'

/** One answered request. */
export interface HttpAnswer {
  status: number
  body: string
}

/** Options of {@link HttpClient.request}. */
export interface RequestOptions {
  method?: string
  path: string
  body?: unknown
}

/** A keep-alive client for one origin, sending `X-OpenStack-Ironic-API-Version`. */
export class HttpClient {
  readonly #url: URL
  readonly #agent: http.Agent
  readonly #version: string

  constructor(origin: string, opts: { sockets: number; version: string }) {
    this.#url = new URL(origin)
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: opts.sockets })
    this.#version = opts.version
  }

  /** Sends one request and reads the whole answer. */
  request({ method = 'GET', path, body }: RequestOptions): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-openstack-ironic-api-version': this.#version,
    }
    if (payload !== undefined) {
      headers['content-type'] = 'application/json'
      headers['content-length'] = String(Buffer.byteLength(payload))
    }
    return new Promise((ok, fail) => {
      const req = http.request(
        {
          host: this.#url.hostname,
          port: this.#url.port,
          method,
          path,
          headers,
          agent: this.#agent,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          )
          res.on('error', fail)
        },
      )
      req.on('error', fail)
      req.end(payload)
    })
  }

  /** Closes the idle sockets. */
  close(): void {
    this.#agent.destroy()
  }
}

/** Latency percentiles (milliseconds) of a sample. */
export interface LatencyStats {
  count: number
  p50: number
  p99: number
  max: number
}

/** Percentiles of latencies in milliseconds (nearest-rank). */
export function latencyStats(samples: Float64Array | number[]): LatencyStats {
  const sorted = Float64Array.from(samples).sort()
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  }
}

/** What {@link runLoad} measured. */
export interface LoadResult extends LatencyStats {
  seconds: number
  perSecond: number
  errors: number
}

/**
 * Runs `concurrency` loops sending `next(i)` requests for `durationMs` after `warmupMs` of
 * unmeasured requests. Any status other than `okStatus` counts as an error.
 */
export async function runLoad(
  client: HttpClient,
  next: (i: number) => RequestOptions,
  opts: { concurrency: number; durationMs: number; warmupMs: number; okStatus: number },
): Promise<LoadResult> {
  const latencies: number[] = []
  let errors = 0
  let i = 0
  const start = performance.now()
  const measureFrom = start + opts.warmupMs
  const stopAt = measureFrom + opts.durationMs
  const loop = async () => {
    for (;;) {
      const t0 = performance.now()
      if (t0 >= stopAt) return
      const res = await client.request(next(i++)).catch(() => ({ status: 0, body: '' }))
      const t1 = performance.now()
      if (t0 < measureFrom) continue
      if (res.status !== opts.okStatus) errors++
      latencies.push(t1 - t0)
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, loop))
  const seconds = (performance.now() - measureFrom) / 1000
  return { ...latencyStats(latencies), seconds, perSecond: latencies.length / seconds, errors }
}

/** Sends `count` requests with `concurrency` loops; returns the answers in order and the time. */
export async function runBatch(
  client: HttpClient,
  count: number,
  concurrency: number,
  make: (i: number) => RequestOptions,
): Promise<{ answers: HttpAnswer[]; ms: number }> {
  const answers: HttpAnswer[] = new Array<HttpAnswer>(count)
  let i = 0
  const start = performance.now()
  const loop = async () => {
    while (i < count) {
      const mine = i++
      answers[mine] = await client.request(make(mine))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, loop))
  return { answers, ms: performance.now() - start }
}
