/**
 * @module Renders JSON values the way Python's `str()`/`repr()` do, because the OpenStack CLI
 * prints API values through Python: `None`, `True`, `{'key': 'value'}`, `['a', 'b']`.
 */

/** Python's `repr()` of a string: single quotes unless the text holds one and no double quote. */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += `\\${quote}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return out + quote
}

function reprNumber(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString()
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf'
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2')
}

/** Python's `repr()` of a JSON value. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return reprNumber(value)
  if (typeof value === 'string') return reprString(value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  if (typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>)
    return `{${items.map(([k, v]) => `${reprString(k)}: ${pyRepr(v)}`).join(', ')}}`
  }
  return String(value)
}

/** Python's `str()` of a JSON value: strings as they are, everything else as `repr()`. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value)
}
