/** @module Renders the configuration reference of `docs/configuration.md` from the schema. */
import { envVarName, SCHEMA, type SectionName } from './config.js'
import type { Opt } from './ini.js'

/** Marks the start of the generated part of `docs/configuration.md`. */
export const CONFIG_DOC_BEGIN = '<!-- BEGIN GENERATED: src/common/config-doc.ts -->'
/** Marks the end of the generated part of `docs/configuration.md`. */
export const CONFIG_DOC_END = '<!-- END GENERATED -->'

/** What each section configures, shown above its table. */
const SECTION_HELP: Record<SectionName, string> = {
  DEFAULT:
    "This service's name and state directory, the hardware types and interfaces it loads, " +
    'API behaviour, logging and the hash ring that spreads nodes over conductors.',
  api: 'The Bare Metal API listener of `anvil serve` and `anvil api`.',
  oslo_middleware: 'Limits applied to API requests.',
  database: 'The database that every Anvil process of a deployment shares.',
  conductor: 'Conductor behaviour: heartbeats, periodic tasks, timeouts, cleaning, node history.',
  json_rpc:
    'How a separate `anvil conductor` listens for the API processes (`anvil serve` runs ' +
    'API and conductor in one process and does not use it).',
}

/** The example file of the reference; a test checks that it loads without warnings. */
export const EXAMPLE_CONFIG = [
  '[DEFAULT]',
  'host = conductor-1',
  'debug = true',
  '',
  '[database]',
  'connection = postgresql://anvil:secret@db.example.com/anvil',
  '',
  '[conductor]',
  'sync_power_state_interval = 60',
].join('\n')

const INTRO = `Anvil is configured the way Ironic is: an optional INI file with Ironic's section and
option names (a fragment of an \`ironic.conf\` works as it is), plus environment variables
and a few command-line flags. No file is needed: with none, \`anvil serve\` runs on the
defaults listed below.

## Where values come from

Highest precedence first:

1. Command-line flags. \`--state-dir <dir>\` sets \`[DEFAULT]state_path\`. \`--host <address>\`
   and \`--port <port>\` set \`[api]host_ip\` and \`[api]port\` on \`anvil serve\` and
   \`anvil api\`, and \`[json_rpc]host_ip\` and \`[json_rpc]port\` on \`anvil conductor\`.
2. Environment variables \`ANVIL_<SECTION>__<OPTION>\`, listed with each option below, e.g.
   \`ANVIL_API__PORT=7000\`. Section and option names are not case-sensitive there.
3. The INI file given with \`--config-file <path>\` (\`anvil serve\`, \`anvil api\`,
   \`anvil conductor\`, \`anvil db upgrade\`). Only that file is read; there is no default path.
4. The defaults below.

Values are read once at start-up: restart the process to apply a change. Unknown sections,
options and \`ANVIL_*__*\` variables are not errors: each one is reported as a warning
(\`anvil: warning: ...\` on stderr) and ignored, so look there for typos. A value that does not
fit its option (\`port = http\`) stops start-up with an error naming the option and where the
value came from.

## File format

The oslo.config INI dialect that Ironic uses:

- \`[section]\` headers: \`[DEFAULT]\` in capitals, the other section names in any case;
- \`option = value\` or \`option: value\`, with option names in lower case as listed below;
  the value is trimmed and one pair of surrounding quotes is removed;
- comments are whole lines starting with \`#\` or \`;\` (a \`#\` after a value is part of it);
- an indented line continues the previous value; an option set twice keeps its last value;
- lists are comma-separated; booleans are \`true\`/\`false\`, \`yes\`/\`no\`, \`on\`/\`off\` or
  \`1\`/\`0\`, in any case; an empty value unsets an option whose default is unset.

\`\`\`ini
${EXAMPLE_CONFIG}
\`\`\`

## Options

The default is what \`anvil serve\` uses when nothing sets the option. Where Anvil's default
differs from Ironic's, the meaning ends with Ironic's default.`

/** One documented option. */
export interface ConfigOption {
  readonly section: SectionName
  readonly name: string
  readonly opt: Opt<unknown, never>
}

/** Every option of the schema, in declaration order. */
export function configOptions(): ConfigOption[] {
  return (Object.keys(SCHEMA) as SectionName[]).flatMap((section) =>
    (Object.entries(SCHEMA[section]) as [string, Opt<unknown, never>][]).map(([name, opt]) => ({
      section,
      name,
      opt,
    })),
  )
}

const code = (text: string): string => `\`${text}\``
const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')

function defaultCell({ section, name, opt }: ConfigOption): string {
  if (opt.defaultText !== undefined) return opt.defaultText
  const value: unknown = opt.default
  if (typeof value === 'function') {
    throw new Error(`[${section}] ${name}: a computed default needs a defaultText`)
  }
  if (value === null) return 'unset'
  if (Array.isArray(value)) return value.length > 0 ? code(value.join(', ')) : 'empty'
  if (value === '') return 'empty'
  return code(String(value))
}

function meaningCell({ section, name, opt }: ConfigOption): string {
  if (opt.help === undefined || opt.help.trim() === '') {
    throw new Error(`[${section}] ${name} has no help text`)
  }
  const ironic = opt.ironicDefault === undefined ? '' : ` Ironic's default: ${opt.ironicDefault}.`
  return `${opt.help}${ironic}`
}

/** The table of one section: option | default | environment variable | meaning. */
export function sectionTable(section: SectionName): string {
  const rows = configOptions()
    .filter((o) => o.section === section)
    .map((o) => {
      const env = code(envVarName(section, o.name))
      const cells = [code(o.name), defaultCell(o), env, meaningCell(o)]
      return `| ${cells.map(cell).join(' | ')} |`
    })
  const header = ['| option | default | environment variable | meaning |', '|---|---|---|---|']
  return [...header, ...rows].join('\n')
}

/**
 * The configuration reference in Markdown: how Anvil is configured (sources, precedence, file
 * format), then one table per section. `docs/configuration.md` holds it between
 * {@link CONFIG_DOC_BEGIN} and {@link CONFIG_DOC_END}.
 *
 * @throws Error when an option has no help, or a computed default no `defaultText`.
 * @example renderConfigDoc().includes('`ANVIL_API__PORT`') // true
 */
export function renderConfigDoc(): string {
  const sections = (Object.keys(SCHEMA) as SectionName[]).map((section) =>
    [`### \`[${section}]\``, '', SECTION_HELP[section], '', sectionTable(section)].join('\n'),
  )
  return [INTRO, ...sections].join('\n\n')
}

/** The generated block of `docs/configuration.md`, markers included. */
export function renderConfigDocBlock(): string {
  return [CONFIG_DOC_BEGIN, '', renderConfigDoc(), '', CONFIG_DOC_END].join('\n')
}
