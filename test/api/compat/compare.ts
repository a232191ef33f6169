/**
 * @module Compares a recorded Ironic answer with Anvil's: headers, error messages, and bodies
 * (exact key sets, recursively; values, with the fixtures' placeholders as wildcards).
 */

export interface CompareContext {
  /** The conductor hostname standing behind `<hostname>`. */
  hostname: string
  /** Dotted paths (`*` for any key or index) whose values are not compared. */
  ignore: readonly string[]
}

const PLACEHOLDERS: Record<string, string> = {
  '<uuid>': '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '<timestamp>': '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{6})?\\+00:00',
  '<request-id>': 'req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '<address>': '0x[0-9a-f]+',
}

/** A recorded string as a regular expression: placeholders match what they stand for. */
function pattern(recorded: string, hostname: string): RegExp {
  const parts = recorded.split(/(<uuid>|<timestamp>|<request-id>|<address>|<hostname>)/)
  const source = parts
    .map((p) => {
      if (p === '<hostname>') return escape(hostname)
      return PLACEHOLDERS[p] ?? escape(p)
    })
    .join('')
  return new RegExp(`^${source}$`, 's')
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** True when Anvil's string matches the recorded one (placeholders and shortened strings). */
export function matchesString(recorded: string, actual: string, hostname: string): boolean {
  const long = /^<(\d+) chars: (.*)\.\.\.>$/s.exec(recorded)
  if (long) return actual.length === Number(long[1]) && actual.startsWith(long[2] ?? '')
  if (!/<(uuid|timestamp|request-id|address|hostname)>/.test(recorded)) return recorded === actual
  return pattern(recorded, hostname).test(actual)
}

/** The message of an error body: faultstring, webob's description, or the raw text. */
export function errorMessageOf(body: unknown): string | undefined {
  const raw = (body as { error_message?: unknown } | null)?.error_message
  if (typeof raw !== 'string') return undefined
  try {
    const inner = JSON.parse(raw) as { faultstring?: string; description?: string }
    return inner.faultstring ?? inner.description
  } catch {
    return raw
  }
}

/** Compares error answers: Anvil always uses the faultstring format, with the same message. */
export function compareError(recorded: unknown, actual: unknown, hostname = ''): string[] {
  // HEAD: no body on either side
  if (recorded === null) return actual === null ? [] : [differs('body', null, actual)]
  const raw = (actual as { error_message?: unknown } | null)?.error_message
  if (typeof raw !== 'string') return [`error body is not {"error_message": ...}: ${show(actual)}`]
  let inner: Record<string, unknown>
  try {
    inner = JSON.parse(raw) as Record<string, unknown>
  } catch {
    return [`error_message is not JSON: ${raw}`]
  }
  const keys = Object.keys(inner).join(',')
  if (keys !== 'faultcode,faultstring,debuginfo') return [`error_message keys: ${keys}`]
  const wanted = errorMessageOf(recorded)
  // webob's errors (unknown path, 405, non-UTF-8 body) carry an empty description
  if (wanted === undefined || wanted === '') return []
  const got = String(inner.faultstring)
  return matchesString(wanted, got, hostname) ? [] : [differs('faultstring', wanted, got)]
}

/** Every recorded header (but Content-Type, compared by media type) must be sent alike. */
export function compareHeaders(
  recorded: Record<string, string>,
  actual: Record<string, unknown>,
  ctx: CompareContext,
): string[] {
  const problems: string[] = []
  for (const [name, value] of Object.entries(recorded)) {
    const got = actual[name.toLowerCase()]
    if (got === undefined) {
      problems.push(`header ${name}: missing (recorded ${value})`)
      continue
    }
    const ok =
      name.toLowerCase() === 'content-type'
        ? String(got).split(';')[0] === value.split(';')[0]
        : matchesString(value, String(got), ctx.hostname)
    if (!ok) problems.push(`header ${name}: recorded ${value}, Anvil ${String(got)}`)
  }
  return problems
}

function ignored(path: string, ctx: CompareContext): boolean {
  return ctx.ignore.some((p) => {
    const parts = p.split('.').map((s) => (s === '*' ? '[^.]+' : escape(s)))
    return new RegExp(`^${parts.join('\\.')}$`).test(path)
  })
}

/** A value for a problem report, cut short. */
function show(v: unknown): string {
  return JSON.stringify(v)?.slice(0, 300) ?? 'undefined'
}

function differs(path: string, recorded: unknown, actual: unknown): string {
  return `${path}: recorded ${show(recorded)}, Anvil ${show(actual)}`
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
}

/** Recursively compares bodies: same keys at every level, same values but placeholders. */
export function compareBody(
  recorded: unknown,
  actual: unknown,
  ctx: CompareContext,
  path = 'body',
): string[] {
  if (ignored(path.replace(/^body\.?/, ''), ctx)) return []
  if (typeof recorded === 'string' && typeof actual === 'string') {
    return matchesString(recorded, actual, ctx.hostname) ? [] : [differs(path, recorded, actual)]
  }
  if (kind(recorded) !== kind(actual)) {
    return [differs(path, recorded, actual)]
  }
  if (Array.isArray(recorded)) {
    const a = actual as unknown[]
    if (recorded.length !== a.length) {
      return [`${path}: recorded ${recorded.length} items, Anvil ${a.length}`]
    }
    return recorded.flatMap((r, i) => compareBody(r, a[i], ctx, `${path}.${i}`))
  }
  if (recorded !== null && typeof recorded === 'object') {
    return compareObject(recorded as Obj, actual as Obj, ctx, path)
  }
  return recorded === actual ? [] : [differs(path, recorded, actual)]
}

type Obj = Record<string, unknown>

function compareObject(recorded: Obj, actual: Obj, ctx: CompareContext, path: string): string[] {
  const problems: string[] = []
  const missing = Object.keys(recorded).filter((k) => !(k in actual))
  const extra = Object.keys(actual).filter((k) => !(k in recorded))
  if (missing.length > 0) problems.push(`${path}: keys missing in Anvil: ${missing.join(', ')}`)
  if (extra.length > 0) problems.push(`${path}: keys only in Anvil: ${extra.join(', ')}`)
  for (const key of Object.keys(recorded)) {
    if (key in actual) {
      problems.push(...compareBody(recorded[key], actual[key], ctx, `${path}.${key}`))
    }
  }
  if (typeof actual.next === 'string') problems.push(...checkNextMarker(actual))
  return problems
}

/** A `next` link's marker must be the uuid of the page's last item. */
function checkNextMarker(page: Record<string, unknown>): string[] {
  const items = Object.values(page).find(Array.isArray) as Array<{ uuid?: unknown }> | undefined
  const last = items?.at(-1)?.uuid
  const marker = /[?&]marker=([^&]+)/.exec(page.next as string)?.[1]
  if (last === undefined || marker === last) return []
  return [`body.next: marker ${String(marker)} is not the last item's uuid ${String(last)}`]
}
