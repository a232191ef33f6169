/**
 * @module JSON text the way Python's `json.dump` writes it (cliff's json formatter): `", "` and
 * `": "` separators, non-ASCII escaped as `\uXXXX`, optional indentation.
 */

function escapeNonAscii(s: string): string {
  return s.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function scalar(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString()
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
  }
  return escapeNonAscii(JSON.stringify(value ?? null))
}

/** Serializes like `json.dumps(value, indent=indent)`; `indent` null gives one line. */
export function pyJson(value: unknown, indent: number | null = 2, depth = 0): string {
  const nl = indent === null ? '' : `\n${' '.repeat(indent * (depth + 1))}`
  const end = indent === null ? '' : `\n${' '.repeat(indent * depth)}`
  const sep = indent === null ? ', ' : ','
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[${value.map((v) => nl + pyJson(v, indent, depth + 1)).join(sep)}${end}]`
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0) return '{}'
    const body = entries.map(([k, v]) => `${nl}${scalar(k)}: ${pyJson(v, indent, depth + 1)}`)
    return `{${body.join(sep)}${end}}`
  }
  return scalar(value)
}
