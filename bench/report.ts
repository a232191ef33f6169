/** @module The benchmark's result table: one line per figure, with its target and PASS/FAIL. */

/** One line of the report. `pass` is undefined for figures without a target. */
export interface ReportLine {
  what: string
  value: string
  target: string
  pass: boolean | undefined
}

/** Formats milliseconds for the table. */
export function ms(v: number): string {
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 2 : 1)} ms`
}

/** Formats a count with thousands separators. */
export function count(v: number): string {
  return Math.round(v).toLocaleString('en-US')
}

/** Renders lines as an aligned text table. */
export function renderTable(lines: readonly ReportLine[]): string {
  const rows = [
    ['measurement', 'value', 'target', 'result'],
    ...lines.map((l) => [
      l.what,
      l.value,
      l.target,
      l.pass === undefined ? '-' : l.pass ? 'PASS' : 'FAIL',
    ]),
  ]
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const fmt = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`
  const [head, ...body] = rows
  return [fmt(head ?? []), rule, ...body.map(fmt)].join('\n')
}
