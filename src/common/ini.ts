/** @module oslo.config-style INI parsing and option value types for Ironic-style config files. */

/** One `key = value` assignment, with the line it came from (for error messages). */
export interface IniEntry {
  readonly value: string
  readonly line: number
}

/** Parsed file: section name → option name → last assignment. Names keep their exact case. */
export type IniDocument = ReadonlyMap<string, ReadonlyMap<string, IniEntry>>

/** A syntax error in an INI file; the message names the source and line. */
export class IniSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    reason: string,
    text: string,
  ) {
    super(`${source}:${line}: ${reason}: ${JSON.stringify(text)}`)
    this.name = 'IniSyntaxError'
  }
}

function splitAssignment(text: string): [string, string] | undefined {
  const colon = text.indexOf(':')
  const equal = text.indexOf('=')
  if (colon < 0 && equal < 0) return undefined
  // The first of '=' or ':' separates key and value.
  const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon
  let value = text.slice(at + 1).trim()
  const q = value[0]
  if ((q === '"' || q === "'") && value.endsWith(q)) value = value.slice(1, -1)
  return [text.slice(0, at).trim(), value]
}

/**
 * Parses INI text the way oslo.config's `iniparser` does:
 * - `[section]` headers (names kept as written); an assignment before any header is an error;
 * - `key = value` or `key: value`, with the key and value trimmed and one pair of matching
 *   surrounding quotes removed from the value;
 * - lines starting with `#` or `;` are comments (there are no inline comments);
 * - an indented line continues the previous value (joined with `\n`);
 * - a repeated key keeps its last value.
 *
 * @param source - file name used in error messages.
 * @throws IniSyntaxError on a malformed line.
 * @example parseIni('[api]\nport = 7000\n').get('api')?.get('port')?.value // '7000'
 */
export function parseIni(text: string, source = '<string>'): IniDocument {
  const doc = new Map<string, Map<string, IniEntry>>()
  let section: Map<string, IniEntry> | undefined
  let pending: { key: string; parts: string[]; line: number } | undefined
  const flush = (): void => {
    if (pending) section?.set(pending.key, { value: pending.parts.join('\n'), line: pending.line })
    pending = undefined
  }
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1
    const line = raw.trimEnd()
    if (line === '') {
      flush()
      continue
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!pending) throw new IniSyntaxError(source, lineNo, 'Unexpected continuation line', raw)
      pending.parts.push(line.trimStart())
      continue
    }
    flush()
    if (line.startsWith('#') || line.startsWith(';')) continue
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) {
        throw new IniSyntaxError(source, lineNo, 'Invalid section (must end with ])', raw)
      }
      const name = line.slice(1, -1).trim()
      if (name === '') throw new IniSyntaxError(source, lineNo, 'Empty section name', raw)
      section = doc.get(name) ?? new Map<string, IniEntry>()
      doc.set(name, section)
      continue
    }
    const kv = splitAssignment(line)
    if (!kv) throw new IniSyntaxError(source, lineNo, "No ':' or '=' found in assignment", raw)
    if (kv[0] === '') throw new IniSyntaxError(source, lineNo, 'Key cannot be empty', raw)
    if (!section) {
      throw new IniSyntaxError(source, lineNo, 'Section must be started before assignment', raw)
    }
    pending = { key: kv[0], parts: [kv[1]], line: lineNo }
  }
  flush()
  return doc
}

/**
 * How an option is documented for operators (`docs/configuration.md`). Every field is Markdown
 * that fits in one table cell.
 */
export interface OptDoc {
  /** What the option does, in Ironic's words where Ironic has the option. */
  readonly help?: string | undefined
  /** A default computed at start-up, in words, e.g. "this machine's host name". */
  readonly defaultText?: string | undefined
  /** Ironic's default where Anvil's differs, with the reason when there is one. */
  readonly ironicDefault?: string | undefined
}

/**
 * One typed option. `default` may be computed from a context `C` (for example the state
 * directory); `coerce` turns a raw value (the string from a file or environment variable, or a
 * typed value from code) into the option's type. The {@link OptDoc} fields document it.
 */
export interface Opt<T, C = never> extends OptDoc {
  readonly default: T | ((ctx: C) => T)
  /** Throws an Error whose message says what was expected. */
  readonly coerce: (raw: unknown) => T
}

const got = (raw: unknown): string => `got ${JSON.stringify(raw)}`

function opt<T, C>(
  def: T | ((ctx: C) => T),
  doc: OptDoc | undefined,
  coerce: (raw: unknown) => T,
): Opt<T, C> {
  return { ...doc, default: def, coerce }
}

/**
 * A string option.
 * @example strOpt('./.anvil', { help: "Top-level directory for maintaining Anvil's state." })
 */
export function strOpt<C = never>(
  def: string | ((ctx: C) => string),
  doc?: OptDoc,
): Opt<string, C> {
  return opt(def, doc, (raw) => {
    if (typeof raw !== 'string') throw new Error(`expected a string, ${got(raw)}`)
    return raw
  })
}

/** A string option that may be unset (`null`); an empty value also means unset. */
export function optionalStrOpt(def: string | null = null, doc?: OptDoc): Opt<string | null> {
  return opt(def, doc, (raw) => {
    if (raw === null || raw === '') return null
    if (typeof raw !== 'string') throw new Error(`expected a string, ${got(raw)}`)
    return raw
  })
}

/** A string option restricted to `choices` (trimmed, case-sensitive). */
export function choiceOpt<const V extends readonly string[], C = never>(
  choices: V,
  def: V[number] | ((ctx: C) => V[number]),
  doc?: OptDoc,
): Opt<V[number], C> {
  return opt(def, doc, (raw) => {
    const v = typeof raw === 'string' ? raw.trim() : raw
    if (typeof v === 'string' && choices.includes(v)) return v
    throw new Error(`expected one of ${choices.join(', ')}, ${got(raw)}`)
  })
}

/**
 * An integer option with optional inclusive bounds; `intOpt(def, doc)` when it has none.
 * @example intOpt(1800, 0, undefined, { help: 'Timeout (seconds). Set to 0 to disable.' })
 */
export function intOpt(def: number, doc?: OptDoc): Opt<number>
export function intOpt(
  def: number,
  min: number | undefined,
  max?: number,
  doc?: OptDoc,
): Opt<number>
export function intOpt(
  def: number,
  minOrDoc?: number | OptDoc,
  max?: number,
  doc?: OptDoc,
): Opt<number> {
  const min = typeof minOrDoc === 'object' ? undefined : minOrDoc
  const bounds = [min === undefined ? '' : `>= ${min}`, max === undefined ? '' : `<= ${max}`]
  const range = bounds.filter(Boolean).join(' and ')
  const coerce = (raw: unknown): number => {
    const s = typeof raw === 'string' ? raw.trim() : raw
    const n = typeof s === 'string' && /^[+-]?\d+$/.test(s) ? Number(s) : s
    const ok = typeof n === 'number' && Number.isSafeInteger(n)
    if (!ok || (min !== undefined && n < min) || (max !== undefined && n > max)) {
      throw new Error(`expected an integer${range ? ` ${range}` : ''}, ${got(raw)}`)
    }
    return n
  }
  return opt(def, typeof minOrDoc === 'object' ? minOrDoc : doc, coerce)
}

/** A TCP port option (0-65535). */
export const portOpt = (def: number, doc?: OptDoc): Opt<number> => intOpt(def, 0, 65535, doc)

const TRUE_WORDS = ['true', 'yes', 'on', '1']
const FALSE_WORDS = ['false', 'no', 'off', '0']

/** A boolean option: true/false, yes/no, on/off, 1/0, any case. */
export function boolOpt(def: boolean, doc?: OptDoc): Opt<boolean> {
  return opt(def, doc, (raw) => {
    if (typeof raw === 'boolean') return raw
    const s = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined
    if (s !== undefined && TRUE_WORDS.includes(s)) return true
    if (s !== undefined && FALSE_WORDS.includes(s)) return false
    throw new Error(`expected a boolean (true/false, yes/no, on/off, 1/0), ${got(raw)}`)
  })
}

/** A comma-separated list option; items are trimmed and empty items dropped. */
export function listOpt(def: readonly string[], doc?: OptDoc): Opt<readonly string[]> {
  return opt(def, doc, (raw) => {
    if (typeof raw === 'string') return raw.split(',').flatMap((s) => s.trim() || [])
    if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) return [...raw]
    throw new Error(`expected a comma-separated list, ${got(raw)}`)
  })
}
