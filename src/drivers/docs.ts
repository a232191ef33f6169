/** @module Renders the generated tables of `docs/drivers.md` from the catalog. */
import { HARDWARE_TYPES, INTERFACES } from './catalog.js'
import { INTERFACE_KINDS, type InterfaceKind } from './types.js'

/** Marks the start of the generated part of `docs/drivers.md`. */
export const DOC_BEGIN = '<!-- BEGIN GENERATED: src/drivers/docs.ts -->'
/** Marks the end of the generated part of `docs/drivers.md`. */
export const DOC_END = '<!-- END GENERATED -->'

function label(kind: InterfaceKind, name: string): string {
  return INTERFACES[kind][name]?.implemented === true ? `**${name}**` : name
}

/** Supported interfaces per hardware type, default first; built ones in bold. */
export function hardwareTypesTable(): string {
  const types = Object.values(HARDWARE_TYPES)
  const lines = [
    `| kind | ${types.map((t) => `\`${t.name}\``).join(' | ')} |`,
    `|---|${types.map(() => '---|').join('')}`,
  ]
  for (const kind of INTERFACE_KINDS) {
    const cells = types.map((t) => t.interfaces[kind].map((n) => label(kind, n)).join(', '))
    lines.push(`| ${kind} | ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

/** Every registered implementation per kind, split into built and planned. */
export function implementationsTable(): string {
  const lines = ['| kind | implemented | registered name only (planned) |', '|---|---|---|']
  for (const kind of INTERFACE_KINDS) {
    const entries = Object.entries(INTERFACES[kind])
    const built = entries.filter(([, e]) => e.implemented).map(([n]) => `\`${n}\``)
    const planned = entries.filter(([, e]) => !e.implemented).map(([n]) => `\`${n}\``)
    lines.push(`| ${kind} | ${built.join(', ')} | ${planned.join(', ')} |`)
  }
  return lines.join('\n')
}

/** The generated block, markers included. */
export function renderDriversDocBlock(): string {
  return [
    DOC_BEGIN,
    '',
    '### Supported interfaces per hardware type',
    '',
    'Order matters: the first enabled entry is the default. **Bold** names are implemented;',
    'the others are registered Ironic names that fail with `DriverLoadError` when a node uses them.',
    '',
    hardwareTypesTable(),
    '',
    '### Implementations',
    '',
    implementationsTable(),
    '',
    DOC_END,
  ].join('\n')
}
