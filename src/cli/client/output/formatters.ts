/**
 * @module Output formatters of OpenStack's CLI (cliff): table, json, yaml, value, csv for lists
 * and table, json, yaml, value, shell for single objects, with `-c` column selection.
 */
import { stringify } from 'yaml'
import { UsageError } from '../errors.js'
import { pyJson } from './pyjson.js'
import { pyYamlStyle } from './pyyaml.js'
import { pyStr } from './pyrepr.js'
import { renderTable, type Align } from './table.js'

/** Formats a list command accepts. */
export const LIST_FORMATS = ['csv', 'json', 'table', 'value', 'yaml'] as const
/** Formats a show command accepts. */
export const SHOW_FORMATS = ['json', 'shell', 'table', 'value', 'yaml'] as const

/** Output options common to list and show commands (cliff's formatter arguments). */
export interface OutputOptions {
  format?: string
  column?: string[]
  noindent?: boolean
  quote?: string
  printEmpty?: boolean
  prefix?: string
}

/** Keeps the chosen columns (`-c`), in the command's own order, like cliff. */
export function selectColumns(names: readonly string[], wanted: readonly string[] | undefined): number[] {
  const all = names.map((_, i) => i)
  if (!wanted || wanted.length === 0) return all
  const keep = all.filter((i) => wanted.includes(names[i] ?? ''))
  if (keep.length === 0) {
    const quoted = (l: readonly string[]) => l.map((c) => `'${c}'`).join(', ')
    throw new UsageError(
      `No recognized column names in [${quoted(wanted)}]. Recognized columns are (${quoted(names)}).`,
    )
  }
  return keep
}

function yamlText(value: unknown): string {
  // unfolded (lineWidth 0): pyYamlStyle folds long lines the way PyYAML does
  const options = { version: '1.1', sortMapEntries: true, indentSeq: false, singleQuote: true, lineWidth: 0 } as const
  return pyYamlStyle(stringify(value, options))
}

function csvCell(value: unknown, mode: string): string {
  const numeric = typeof value === 'number' || typeof value === 'boolean'
  const text = value === null || value === undefined ? '' : pyStr(value)
  const special = /[",\n\r]/.test(text)
  const quoted = mode === 'all' || (mode === 'nonnumeric' && !numeric) || (mode === 'minimal' && special)
  if (mode === 'none') return text.replace(/([",\\\n\r])/g, '\\$1')
  return quoted ? `"${text.replace(/"/g, '""')}"` : text
}

function alignOf(first: readonly unknown[] | undefined, count: number): Align[] {
  return Array.from({ length: count }, (_, i) => (typeof first?.[i] === 'number' ? 'r' : 'l'))
}

/** Renders a list (cliff Lister) in the chosen format; returns the text to print. */
export function formatList(names: readonly string[], rows: readonly unknown[][], opts: OutputOptions): string {
  const format = opts.format ?? 'table'
  if (!(LIST_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`invalid format '${format}' (choose from ${LIST_FORMATS.join(', ')})`)
  }
  const keep = selectColumns(names, opts.column)
  const cols = keep.map((i) => names[i] ?? '')
  const data = rows.map((r) => keep.map((i) => r[i] ?? null))
  const objects = () => data.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i]])))
  switch (format) {
    case 'json':
      return `${pyJson(objects(), opts.noindent ? null : 2)}\n`
    case 'yaml':
      return data.length === 0 ? '[]\n' : yamlText(objects())
    case 'value':
      return data.map((r) => `${r.map(pyStr).join(' ')}\n`).join('')
    case 'csv': {
      const mode = opts.quote ?? 'nonnumeric'
      const lines = [cols.map((c) => csvCell(c, mode)), ...data.map((r) => r.map((v) => csvCell(v, mode)))]
      return lines.map((l) => `${l.join(',')}\n`).join('')
    }
    default: {
      const text = data.map((r) => r.map(pyStr))
      const table = renderTable(cols, text, { align: alignOf(data[0], cols.length), printEmpty: opts.printEmpty ?? false })
      return `${table}\n`
    }
  }
}

/** Renders one object (cliff ShowOne) as Field/Value pairs in the chosen format. */
export function formatOne(names: readonly string[], values: readonly unknown[], opts: OutputOptions): string {
  const format = opts.format ?? 'table'
  if (!(SHOW_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`invalid format '${format}' (choose from ${SHOW_FORMATS.join(', ')})`)
  }
  const keep = selectColumns(names, opts.column)
  const cols = keep.map((i) => names[i] ?? '')
  const vals = keep.map((i) => values[i] ?? null)
  switch (format) {
    case 'json':
      return `${pyJson(Object.fromEntries(cols.map((c, i) => [c, vals[i]])), opts.noindent ? null : 2)}\n`
    case 'yaml':
      return cols.map((c, i) => yamlText({ [c]: vals[i] })).join('')
    case 'value':
      return vals.map((v) => `${pyStr(v)}\n`).join('')
    case 'shell': {
      const prefix = opts.prefix ?? ''
      return cols
        .map((c, i) => `${prefix}${c.replace(/[^A-Za-z0-9_]/g, '_')}="${pyStr(vals[i]).replace(/"/g, '\\"')}"\n`)
        .join('')
    }
    default: {
      if (cols.length === 0) return '\n'
      const rows = cols.map((c, i) => [c, pyStr(vals[i])])
      return `${renderTable(['Field', 'Value'], rows)}\n`
    }
  }
}
