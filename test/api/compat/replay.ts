/**
 * @module Replays recorded Ironic 21.4 exchanges (test/fixtures/ironic-21.4) against an
 * in-process Anvil and lists every way Anvil's answer differs from the recorded one.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestAnvil } from '../../helpers/anvil.js'
import { compareBody, compareError, compareHeaders, errorMessageOf } from './compare.js'

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/ironic-21.4')

/** The Host every fixture was recorded with; Anvil builds its links from it too. */
export const RECORDED_HOST = '127.0.0.1:6386'

/** One recorded exchange, as capture-ironic.py stores it. */
export interface Fixture {
  file: string
  request: { method: string; path: string; headers: Record<string, string>; body: unknown }
  response: { status: number; headers: Record<string, string>; body: unknown }
}

/** What Anvil answers instead of the recorded answer, on purpose. */
export interface Difference {
  /** Why Anvil differs: name Ironic's bug, or the master behaviour Anvil follows. */
  why: string
  status: number
  /** The faultstring Anvil gives (errors). */
  faultstring?: string | RegExp
  /** Further checks of Anvil's answer; return a list of problems. */
  check?: (res: Answer) => string[]
}

/** One fixture to replay, with what the harness needs to know about it. */
export interface Step {
  /** The fixture's slug: its file name without the number and `.json`. */
  fixture: string
  /** Aliases of the uuids standing behind each `<uuid>` of the request, in order. */
  bind?: readonly string[]
  /** Saves the `uuid` of the answer's body under this alias. */
  save?: string
  /** A raw request body to send instead of the recorded one (huge or non-UTF-8 bodies). */
  body?: string | Buffer
  /** Recorded values not compared, as dotted paths (`nodes.*.conductor`); keys still are. */
  ignore?: readonly string[]
  /** An intentional difference: Anvil's answer is checked against this instead. */
  differs?: Difference
  /** After the step, waits until the node of the first bound alias rests in this state. */
  waitFor?: string
  /**
   * After the step (and `waitFor`), polls `GET url` until `done(body)` holds (`{alias}` in the
   * url stands for the uuid bound to the alias): Anvil works in the background too.
   */
  until?: { url: string; done: (body: Record<string, unknown>) => boolean }
  /** Further checks of Anvil's answer (e.g. of values left out with `ignore`). */
  check?: (res: Answer, state: ReplayState) => string[]
  /** Why `ignore` or `check` are there: the intentional difference they stand for. */
  why?: string
  /**
   * A known mismatch outside the node resource, left to its owner: the step is expected to
   * fail (vitest `it.fails`), so the test turns red once it is fixed.
   */
  todo?: string
}

/** Anvil's answer to a replayed request. */
export interface Answer {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  text: string
  body: unknown
}

/** State carried from step to step: uuid aliases and the marker of the last `next` link. */
export interface ReplayState {
  readonly t: TestAnvil
  readonly hostname: string
  readonly uuids: Map<string, string>
  /** The marker of the last `next` link Anvil returned (alias `$next`). */
  nextMarker?: string
}

let index: Map<string, string> | undefined

/** A fixture file's name: its number (001-592, then 1001-... for later groups) and slug. */
export const FIXTURE_FILE = /^(\d{3,4})-(.*)\.json$/

/** Reads the fixture of a slug (the number prefix may change as fixtures are added). */
export function loadFixture(slug: string): Fixture {
  index ??= new Map(
    readdirSync(FIXTURE_DIR).flatMap((f): Array<[string, string]> => {
      const m = FIXTURE_FILE.exec(f)
      return m ? [[m[2]!, f]] : []
    }),
  )
  const file = index.get(slug)
  if (!file) throw new Error(`no fixture named ${slug}`)
  const data = JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as Omit<Fixture, 'file'>
  return { file, ...data }
}

/** Puts the real uuids (and the conductor's hostname) in place of the request's placeholders. */
function substitute(text: string, step: Step, state: ReplayState, used: { n: number }): string {
  return text
    .replace(/<hostname>/g, state.hostname)
    .replace(/<uuid>/g, () => {
      const alias = step.bind?.[used.n++]
      if (alias === undefined) throw new Error(`${step.fixture}: no alias for <uuid> #${used.n}`)
      const uuid = alias === '$next' ? state.nextMarker : state.uuids.get(alias)
      if (uuid === undefined) throw new Error(`${step.fixture}: alias ${alias} is not bound`)
      return uuid
    })
}

/** Sends the fixture's request (placeholders replaced) to Anvil. */
async function send(fx: Fixture, step: Step, state: ReplayState): Promise<Answer> {
  const used = { n: 0 }
  const url = substitute(fx.request.path, step, state, used)
  let payload: string | Buffer | undefined
  if (step.body !== undefined) payload = step.body
  else if (fx.request.body !== null) {
    const recorded = fx.request.body
    const text = typeof recorded === 'string' ? recorded : JSON.stringify(recorded)
    payload = substitute(text, step, state, used)
  }
  const headers: Record<string, string> = { host: RECORDED_HOST }
  for (const [k, v] of Object.entries(fx.request.headers)) headers[k.toLowerCase()] = v
  const res = await state.t.anvil.app.inject({
    method: fx.request.method as 'GET',
    url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
  })
  let body: unknown = null
  try {
    body = res.body ? JSON.parse(res.body) : null
  } catch {
    body = res.body
  }
  return { status: res.statusCode, headers: res.headers, text: res.body, body }
}

/** Checks Anvil's answer against an intentional difference. */
function checkDifference(d: Difference, res: Answer): string[] {
  const problems: string[] = []
  if (res.status !== d.status) problems.push(`status: wanted ${d.status}, got ${res.status}`)
  if (d.faultstring !== undefined) {
    const got = errorMessageOf(res.body)
    const wanted = d.faultstring
    const ok = typeof wanted === 'string' ? got === wanted : wanted.test(got ?? '')
    if (!ok) problems.push(`faultstring: wanted ${String(wanted)}, got ${JSON.stringify(got)}`)
  }
  if (d.check) problems.push(...d.check(res))
  return problems
}

/** The problems found when replaying one step (empty when Anvil answers as recorded). */
export async function replayStep(step: Step, state: ReplayState): Promise<string[]> {
  const fx = loadFixture(step.fixture)
  const res = await send(fx, step, state)
  const body = res.body as Record<string, unknown> | null
  if (step.save !== undefined && typeof body?.uuid === 'string') {
    state.uuids.set(step.save, body.uuid)
  }
  if (typeof body?.next === 'string') {
    const marker = /marker=([^&]+)/.exec(body.next)?.[1]
    if (marker !== undefined) state.nextMarker = marker
  }
  if (step.waitFor !== undefined) await waitForState(state, step.bind?.[0] ?? '', step.waitFor)
  if (step.until !== undefined) await pollUntil(state, step.until.url, step.until.done)
  if (step.differs) return checkDifference(step.differs, res)
  const problems: string[] = []
  if (res.status !== fx.response.status) {
    const text = res.text.slice(0, 300)
    problems.push(`status: recorded ${fx.response.status}, Anvil ${res.status} ${text}`)
    return problems
  }
  const ctx = { hostname: state.hostname, ignore: step.ignore ?? [] }
  problems.push(...compareHeaders(fx.response.headers, res.headers, ctx))
  const recorded = fx.response.body
  if (fx.response.status >= 400) problems.push(...compareError(recorded, res.body, state.hostname))
  else problems.push(...compareBody(recorded, res.body, ctx))
  if (step.check) problems.push(...step.check(res, state))
  return problems
}

/** Polls the node until it is in `wanted` with no target state (Anvil works in the background). */
async function waitForState(state: ReplayState, alias: string, wanted: string): Promise<void> {
  const uuid = state.uuids.get(alias)
  const deadline = Date.now() + 30_000
  let last: unknown
  while (Date.now() < deadline) {
    const r = await state.t.request({ url: `/v1/nodes/${uuid}` })
    last = r.body
    if (r.body?.provision_state === wanted && !r.body.target_provision_state) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`node ${alias} did not reach ${wanted}: ${JSON.stringify(last)}`)
}

/** Polls `GET url` (aliases in braces replaced) until `done` holds for its body. */
async function pollUntil(
  state: ReplayState,
  url: string,
  done: (body: Record<string, unknown>) => boolean,
): Promise<void> {
  const real = url.replace(/\{(\w+)\}/g, (_m, alias: string) => {
    const uuid = state.uuids.get(alias)
    if (uuid === undefined) throw new Error(`until: alias ${alias} is not bound`)
    return uuid
  })
  const deadline = Date.now() + 30_000
  let last: unknown
  while (Date.now() < deadline) {
    const r = await state.t.request({ url: real })
    last = r.body
    if (r.status === 200 && done(r.body as Record<string, unknown>)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${real} never got there: ${JSON.stringify(last)}`)
}

/** A fresh replay state on a started Anvil. */
export function replayState(t: TestAnvil): ReplayState {
  return { t, hostname: t.anvil.config.DEFAULT.host, uuids: new Map() }
}
