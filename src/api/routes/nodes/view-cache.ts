/**
 * @module Serialized node views (UTF-8, ready to send), reused while nothing they show has
 * changed. Every write to a
 * node bumps its `revision` (the lock only changes `reservation`), so a view is keyed by both,
 * plus everything else it depends on: microversion, base URL, selected fields, conductor.
 */

const MAX_ENTRIES = 50_000

export class NodeViewCache {
  readonly #entries = new Map<string, { key: string; json: Buffer }>()

  get(uuid: string, key: string): Buffer | undefined {
    const e = this.#entries.get(uuid)
    return e !== undefined && e.key === key ? e.json : undefined
  }

  set(uuid: string, key: string, json: Buffer): void {
    if (this.#entries.size >= MAX_ENTRIES && !this.#entries.has(uuid)) this.#entries.clear()
    this.#entries.set(uuid, { key, json })
  }
}

/** The cache key of a node's view. */
export function viewKey(
  node: { revision: number; reservation: string | null },
  minor: number,
  base: string,
  fields: readonly string[] | undefined,
  conductor: string | null,
): string {
  return `${node.revision}|${node.reservation ?? ''}|${minor}|${base}|${fields?.join(',') ?? '*'}|${conductor ?? ''}`
}
