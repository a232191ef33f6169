/**
 * @module Python's `repr()` of JSON values, for messages Ironic builds with `%s` of a dict
 * (`failed step {'interface': 'bios', ...}`) and jsonschema puts in its messages.
 */

function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote
}

/** Python's `repr()` (and `str()` inside containers) of a JSON value. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return reprString(value)
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`
  const entries = Object.entries(value as Record<string, unknown>)
  return `{${entries.map(([k, v]) => `${reprString(k)}: ${pyRepr(v)}`).join(', ')}}`
}

/** Python's `str()`: strings as they are, everything else as `repr()`. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value)
}
