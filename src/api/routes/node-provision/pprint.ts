/**
 * @module Python's `pprint.pformat` of JSON values (sorted keys, width-limited), which
 * jsonschema puts in the messages Ironic returns for malformed steps.
 */
import { pyRepr } from '../../../common/python-repr.js'

type Ctx = { readonly width: number }

function reprOf(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = sortedEntries(value as Record<string, unknown>)
    return `{${entries.map(([k, v]) => `${pyRepr(k)}: ${reprOf(v)}`).join(', ')}}`
  }
  if (Array.isArray(value)) return `[${value.map(reprOf).join(', ')}]`
  return pyRepr(value)
}

function sortedEntries(obj: Record<string, unknown>): [string, unknown][] {
  return Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

function format(value: unknown, indent: number, allowance: number, level: number, c: Ctx): string {
  const rep = reprOf(value)
  if (rep.length <= c.width - indent - allowance) return rep
  if (Array.isArray(value)) return formatList(value, indent, allowance, level + 1, c)
  if (value !== null && typeof value === 'object') {
    return formatDict(value as Record<string, unknown>, indent, allowance, level + 1, c)
  }
  if (typeof value === 'string') return formatStr(value, indent, allowance, level + 1, c)
  return rep
}

function formatDict(
  obj: Record<string, unknown>,
  indent: number,
  allowance: number,
  level: number,
  c: Ctx,
): string {
  const items = sortedEntries(obj)
  const inner = indent + 1
  const parts = items.map(([key, value], i) => {
    const last = i === items.length - 1
    const k = pyRepr(key)
    return `${k}: ${format(value, inner + k.length + 2, last ? allowance + 1 : 1, level, c)}`
  })
  return `{${parts.join(`,\n${' '.repeat(inner)}`)}}`
}

function formatList(
  list: readonly unknown[],
  indent: number,
  allowance: number,
  level: number,
  c: Ctx,
): string {
  const inner = indent + 1
  const parts = list.map((item, i) =>
    format(item, inner, i === list.length - 1 ? allowance + 1 : 1, level, c),
  )
  return `[${parts.join(`,\n${' '.repeat(inner)}`)}]`
}

function formatStr(s: string, indent0: number, allowance0: number, level: number, c: Ctx): string {
  let indent = indent0
  let allowance = allowance0
  if (level === 1) {
    indent += 1
    allowance += 1
  }
  const maxWidth = c.width - indent
  const chunks: string[] = []
  const lines = s.split(/(?<=\n)/)
  lines.forEach((line, i) => {
    const lastLine = i === lines.length - 1
    if (pyRepr(line).length <= maxWidth - (lastLine ? allowance : 0)) {
      chunks.push(pyRepr(line))
      return
    }
    const words = line.match(/\S*\s*/g)?.filter((p) => p !== '') ?? [line]
    let current = ''
    words.forEach((part, j) => {
      const limit = maxWidth - (j === words.length - 1 && lastLine ? allowance : 0)
      const candidate = current + part
      if (pyRepr(candidate).length > limit) {
        if (current) chunks.push(pyRepr(current))
        current = part
      } else current = candidate
    })
    if (current) chunks.push(pyRepr(current))
  })
  if (chunks.length === 1) return chunks[0] as string
  const body = chunks.join(`\n${' '.repeat(indent)}`)
  return level === 1 ? `(${body})` : body
}

/** `pprint.pformat(value, width=width)`. */
export function pformat(value: unknown, width = 80): string {
  return format(value, 0, 0, 0, { width })
}
