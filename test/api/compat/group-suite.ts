/**
 * @module The replay steps of one of capture-ironic.py's later groups (volume, vifs, console,
 * bios, raid, shards, allocations, deploy templates; fixtures 1001 on): each `<uuid>` of a
 * request is bound by what names it (the path segment, query argument or body key before it).
 */
import { slugsStartingWith } from './node-suite.js'
import { loadFixture, type Step } from './replay.js'

/** How to replay the fixtures of one group. */
export interface GroupSpec {
  /**
   * The alias bound to a `<uuid>` by what precedes it: `nodes` (a /v1/nodes/<uuid> path),
   * `connectors`, `marker`, `node_uuid` (a body key), `node` (a query argument or body key)...
   */
  bindBy: Record<string, string>
  /** Aliases saved from the answers of these fixtures (short names, without the prefix). */
  saves?: Record<string, string>
  /** Per fixture (short name): bindings, waits, declared differences. */
  overrides?: Record<string, Partial<Step>>
}

/** The word before each `<uuid>` of a text: `nodes` in `/v1/nodes/<uuid>`. */
function uuidContexts(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/<uuid>/g)) {
    const before = text.slice(0, m.index)
    out.push(/([A-Za-z_]+)[^A-Za-z_]*$/.exec(before)?.[1] ?? '')
  }
  return out
}

/** The aliases of a fixture's `<uuid>`s, in the order the replay substitutes them. */
function bindingsOf(slug: string, bindBy: Record<string, string>): string[] {
  const fx = loadFixture(slug)
  const body = fx.request.body
  const texts = [fx.request.path]
  if (body !== null) texts.push(typeof body === 'string' ? body : JSON.stringify(body))
  return texts.flatMap(uuidContexts).map((context) => {
    const alias = bindBy[context]
    if (alias === undefined) throw new Error(`${slug}: no alias for a <uuid> after ${context}`)
    return alias
  })
}

/** The replay steps of the fixtures named `<prefix>*`, in recording order. */
export function groupSteps(prefix: string, spec: GroupSpec): Step[] {
  const slugs = slugsStartingWith(prefix)
  const named = (o: Record<string, unknown> = {}) => {
    const unknown = Object.keys(o).filter((n) => !slugs.includes(prefix + n))
    if (unknown.length > 0) throw new Error(`no fixtures ${prefix}{${unknown.join(',')}}`)
  }
  named(spec.saves)
  named(spec.overrides)
  return slugs.map((fixture) => {
    const name = fixture.slice(prefix.length)
    const override = spec.overrides?.[name] ?? {}
    const step: Step = { fixture }
    if (override.bind === undefined) {
      const bind = bindingsOf(fixture, spec.bindBy)
      if (bind.length > 0) step.bind = bind
    }
    const save = spec.saves?.[name]
    if (save !== undefined) step.save = save
    return { ...step, ...override }
  })
}
