/**
 * @module A small renderer for the bordered tables of OpenStack's CLI (cliff over prettytable):
 * `+----+` borders, one space of padding, multi-line cells, per-column alignment.
 */

/** Column alignment: `l`eft or `r`ight. */
export type Align = 'l' | 'r'

export interface TableOptions {
  /** Alignment per column (default left). */
  align?: readonly Align[]
  /** Print the header and borders even with no rows (cliff's `--print-empty`). */
  printEmpty?: boolean
}

function widthOf(s: string): number {
  let w = 0
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0
    // East Asian wide and emoji ranges take two cells, combining marks none.
    if (c >= 0x300 && c <= 0x36f) continue
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0x1f300 && c <= 0x1faff) ? 2 : 1
  }
  return w
}

function pad(s: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(s)))
  return align === 'r' ? fill + s : s + fill
}

function linesOf(cell: string): string[] {
  return cell.replace(/\r\n/g, '\n').replace(/\r/g, ' ').split('\n')
}

/** Renders header + rows of already-stringified cells; returns '' for no rows unless printEmpty. */
export function renderTable(header: readonly string[], rows: readonly string[][], opts: TableOptions = {}): string {
  if (rows.length === 0 && !opts.printEmpty) return ''
  const widths = header.map((h, i) =>
    Math.max(widthOf(h), ...rows.flatMap((r) => linesOf(r[i] ?? '').map(widthOf))),
  )
  const align = (i: number): Align => opts.align?.[i] ?? 'l'
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`
  const render = (cells: readonly string[]): string[] => {
    const split = cells.map(linesOf)
    const height = Math.max(1, ...split.map((l) => l.length))
    const out: string[] = []
    for (let n = 0; n < height; n++) {
      out.push(`| ${widths.map((w, i) => pad(split[i]?.[n] ?? '', w, align(i))).join(' | ')} |`)
    }
    return out
  }
  const lines = [rule, ...render(header), rule, ...rows.flatMap(render), rule]
  return lines.join('\n')
}
