/**
 * @module What the deploy template and runbook repositories share about their step rows:
 * decoding stored `args`, and the plan that turns the stored steps into the wanted ones while
 * keeping the rows that did not change (Ironic's `_update_deploy_template_steps` and
 * `_update_runbook_steps`, which match steps with `_zip_matching`).
 */

/** Stored `args` (JSON text, or already decoded) as an object; `{}` when empty. */
export function decodeArgs(raw: unknown): Record<string, unknown> {
  const args = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw
  return (args ?? {}) as Record<string, unknown>
}

/** JSON with object keys sorted (Python's `json.dumps(sort_keys=True)`), to compare args. */
export function sortedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(', ')}]`
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${sortedJson(v)}`).join(', ')}}`
}

/** What to change in the step table: row ids to delete and steps to insert, in this order. */
export interface StepPlan<S> {
  remove: number[]
  add: S[]
}

/**
 * Matches stored rows with wanted steps by key: a row whose key is still wanted is kept, the
 * others are removed, and the wanted steps left over are added in key order (as Ironic does).
 * @example planStepUpdate(rows, steps, (r) => key(toStep(r)), key)
 */
export function planStepUpdate<R extends { id: number }, S>(
  current: readonly R[],
  wanted: readonly S[],
  rowKey: (row: R) => string,
  stepKey: (step: S) => string,
): StepPlan<S> {
  const pending = new Map<string, number>()
  for (const s of wanted) pending.set(stepKey(s), (pending.get(stepKey(s)) ?? 0) + 1)
  const remove: number[] = []
  for (const row of current) {
    const key = rowKey(row)
    const left = pending.get(key) ?? 0
    if (left > 0) pending.set(key, left - 1)
    else remove.push(row.id)
  }
  const sorted = [...wanted].sort((a, b) =>
    stepKey(a) < stepKey(b) ? -1 : stepKey(a) > stepKey(b) ? 1 : 0,
  )
  const add = sorted.filter((s) => {
    const left = pending.get(stepKey(s)) ?? 0
    if (left > 0) pending.set(stepKey(s), left - 1)
    return left > 0
  })
  return { remove, add }
}
