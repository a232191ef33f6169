/**
 * @module PyYAML's look for the `-f yaml` output (cliff prints `yaml.safe_dump(data)`): a string
 * that needs quotes is single-quoted rather than double-quoted, and a long plain or single-quoted
 * scalar is folded the way PyYAML's emitter does it, at the first single space past column 80.
 */

/** PyYAML's `best_width`. */
const BEST_WIDTH = 80

/** A line's indentation, `- ` markers, `key: ` (if any) and scalar. */
const LINE = /^( *)((?:- )*)((?:(?:'(?:[^']|'')*'|(?:-(?! )|[^\s'"-])[^:]*): )?)(.*)$/

/** `"text"` whose only escapes are `\"` and `\\` becomes `'text'`, as PyYAML writes it. */
function singleQuote(line: string): string {
  const m = LINE.exec(line)
  const scalar = m?.[4]
  if (!m || !scalar || !/^"(?:[^\\"]|\\["\\])*"$/.test(scalar)) return line
  const text = scalar.slice(1, -1).replace(/\\(["\\])/g, '$1')
  return `${m[1]}${m[2]}${m[3]}'${text.replace(/'/g, "''")}'`
}

/** Breaks a plain or single-quoted scalar at single spaces once the line is past column 80. */
function fold(line: string): string {
  const m = line.length > BEST_WIDTH + 1 ? LINE.exec(line) : null
  const [, indent = '', dashes = '', key = '', scalar = ''] = m ?? []
  if (!m || scalar === '' || /^["|>{[]/.test(scalar)) return line
  const quoted = scalar.startsWith("'")
  const next = ' '.repeat(indent.length + dashes.length + (key ? 2 : 0))
  const parts = scalar.match(/ +|[^ ]+/g) ?? []
  let out = line.slice(0, line.length - scalar.length)
  let column = out.length
  parts.forEach((part, i) => {
    // a single-quoted scalar keeps the spaces next to its quotes
    const edge = quoted && ((i === 1 && parts[0] === "'") || (i === parts.length - 2 && parts.at(-1) === "'"))
    if (part === ' ' && column > BEST_WIDTH && !edge) {
      out += `\n${next}`
      column = next.length
      return
    }
    out += part
    column += part.length
  })
  return out
}

/**
 * Restyles the unfolded YAML text of the `yaml` package (`lineWidth: 0`) like PyYAML's.
 * @example pyYamlStyle(`a: "it's: here"\n`) // "a: 'it''s: here'\n"
 */
export function pyYamlStyle(text: string): string {
  // the lines of a block scalar (`|-`, a string with line breaks) are its text: left as they are
  let block: number | undefined
  return text
    .split('\n')
    .map((line) => {
      const m = LINE.exec(line)
      // its text is indented past the key, or past the `- ` of a list item
      const depth = m ? m[1]!.length + m[2]!.length - (m[3] ? 0 : 2) : 0
      if (block !== undefined && (line === '' || (m?.[1]?.length ?? 0) > block)) return line
      block = m && /^[|>][-+0-9]*$/.test(m[4]!) ? depth : undefined
      return fold(singleQuote(line))
    })
    .join('\n')
}
