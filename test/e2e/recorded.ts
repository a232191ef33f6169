/**
 * @module What the real Ironic 21.4 made the `baremetal` CLI print: loading the recordings,
 * normalising live output the same way, and parsing cliff's table format.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { E2E_HOST, ROOT, type CliResult } from './harness.js'

/** One recorded run: the command line, exit code and output. */
export interface Recording extends CliResult {
  command: string
}

const FIXTURES = join(ROOT, 'test/fixtures/ironic-21.4/cli')
const RECORDED = join(ROOT, 'test/e2e/recorded')

function parseRecording(text: string): Recording {
  const lines = text.split('\n')
  const command = (lines[0] ?? '').replace(/^\$ /, '')
  const code = Number(/^# exit code: (\d+)/.exec(lines[1] ?? '')?.[1] ?? NaN)
  const outAt = lines.indexOf('# ---- stdout')
  const errAt = lines.indexOf('# ---- stderr')
  const join2 = (ls: string[]) => (ls.length > 0 ? `${ls.join('\n')}\n` : '')
  const stdout = join2(lines.slice(outAt + 1, errAt))
  const stderr = join2(lines.slice(errAt + 1).filter((l, i, all) => l !== '' || i < all.length - 1))
  return { command, code, stdout, stderr }
}

/** A recording from test/fixtures/ironic-21.4/cli/ (the shared captures of Ironic 21.4). */
export function fixture(name: string): Recording {
  return parseRecording(readFileSync(join(FIXTURES, `${name}.txt`), 'utf8'))
}

/** A recording from test/e2e/recorded/ (made by test/e2e/record-ironic.sh). */
export function recorded(name: string): Recording {
  return parseRecording(readFileSync(join(RECORDED, `${name}.txt`), 'utf8'))
}

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g
const TIMESTAMP_RE = /\d{4}-\d{2}-\d{2}T[0-9:.]+(\+00:00|Z)?/g

/**
 * python-ironicclient appends the `X-OpenStack-Request-Id` response header to error messages.
 * Ironic 21.4 does not send that header; Ironic master sends it on every response since 1.107
 * (commit 43c599750, "Use common request_id middleware"), and so does Anvil.
 */
const REQUEST_ID_SUFFIX = / \(Request-ID: req-<uuid>\)/g

/**
 * Normalises live output like the recordings: UUIDs, timestamps and the conductor hostname become
 * `<uuid>`, `<timestamp>` and `<hostname>`; the client's `(Request-ID: ...)` suffix on errors goes
 * (see {@link REQUEST_ID_SUFFIX}); `names` maps further literals.
 */
export function normalize(text: string, names: Record<string, string> = {}): string {
  let out = text.replace(UUID_RE, '<uuid>').replace(TIMESTAMP_RE, '<timestamp>')
  out = out.replace(REQUEST_ID_SUFFIX, '')
  out = out.replace(new RegExp(`\\b${E2E_HOST}\\b`, 'g'), '<hostname>')
  for (const [from, to] of Object.entries(names)) out = out.split(from).join(to)
  return out
}

/** A parsed cliff/prettytable table: header cells and row cells, trimmed. */
export interface Table {
  headers: string[]
  rows: string[][]
}

function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim())
}

/** Parses cliff's default table output (`+---+` rules, `| a | b |` rows). */
export function parseTable(text: string): Table {
  const lines = text.split('\n').filter((l) => l.length > 0)
  const rules = lines.map((l, i) => (/^\+[-+]+\+$/.test(l) ? i : -1)).filter((i) => i >= 0)
  if (rules.length !== 3 || rules[0] !== 0 || rules[2] !== lines.length - 1) {
    throw new Error(`not a cliff table:\n${text}`)
  }
  const headers = cells(lines[1] ?? '')
  const rows = lines.slice((rules[1] ?? 0) + 1, -1).map(cells)
  for (const r of rows)
    if (r.length !== headers.length) throw new Error(`ragged table row: ${r.join('|')}`)
  return { headers, rows }
}

/** A table's rows as header → cell objects. */
export function tableRecords(t: Table): Record<string, string>[] {
  return t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r[i] ?? ''])))
}

/** How {@link expectLike} compares. */
export interface LikeOptions {
  /** Literal replacements applied to live output after {@link normalize}. */
  names?: Record<string, string>
  /** For lists (JSON arrays or tables): compare only the rows this accepts, on both sides. */
  keep?: (row: Record<string, unknown>) => boolean
  /** Applied to every JSON object or table record on both sides before comparing. */
  transform?: (row: Record<string, unknown>) => Record<string, unknown>
  /** Applied to the recorded side only, after `transform`: a documented, deliberate difference. */
  expected?: (row: Record<string, unknown>) => Record<string, unknown>
}

type Row = Record<string, unknown>

function shape(stdout: string, keep: (r: Row) => boolean, tf: (r: Row) => Row): unknown {
  const text = stdout.trim()
  if (text.startsWith('[')) return (JSON.parse(text) as Row[]).filter(keep).map(tf)
  if (text.startsWith('{')) return tf(JSON.parse(text) as Row)
  if (!text.startsWith('+')) return text
  const t = parseTable(text)
  if (t.headers.join() === 'Field,Value') {
    return { headers: t.headers, record: tf(Object.fromEntries(t.rows.map(([f, v]) => [f, v]))) }
  }
  return { headers: t.headers, rows: tableRecords(t).filter(keep).map(tf) }
}

/**
 * Asserts that a live run printed what the recording shows: same exit code, same stdout (as JSON,
 * as a table, or as text, after {@link normalize}) and same stderr.
 */
export function expectLike(live: CliResult, rec: Recording, opts: LikeOptions = {}): void {
  const what = `${rec.command}\n--- live stdout:\n${live.stdout}\n--- live stderr:\n${live.stderr}`
  expect({ code: live.code, stderr: normalize(live.stderr, opts.names).trim() }, what).toEqual({
    code: rec.code,
    stderr: rec.stderr.trim(),
  })
  const keep = opts.keep ?? (() => true)
  const tf = opts.transform ?? ((r: Row) => r)
  const expected = opts.expected ?? ((r: Row) => r)
  const actual = shape(normalize(live.stdout, opts.names), keep, tf)
  expect(actual, what).toEqual(shape(rec.stdout, keep, (r) => expected(tf(r))))
}
