/**
 * @module What the deploy template and runbook resources share (both are named lists of steps):
 * the microversion gate of their controllers, the `marker` check of their lists, the pruning of
 * a patched object to its schema, and Ironic's duplicate step check (`api_utils.duplicate_steps`).
 */
import { IronicError, InvalidParameterValueError } from '../common/errors.js'
import type { Handler } from './http.js'
import { isLogicalName, pecanAbort } from './routes/ports/args.js'

/**
 * Wraps the handlers of a controller that needs `minMinor`: older clients get pecan's 404 for
 * GET and 405 otherwise, with `message` (Ironic's `_route` override).
 * @example const gated = versionGate(MINOR.RUNBOOKS, 'The API version does not allow runbooks')
 */
export function versionGate(minMinor: number, message: string): (handler: Handler) => Handler {
  return (handler) => (req, reply) => {
    if (req.minor < minMinor) throw pecanAbort(req.method === 'GET' ? 404 : 405, message)
    return handler(req, reply)
  }
}

/** `args.name` for a list's `marker`: "Expected name for marker: ..." */
export function markerName(name: string, value: unknown): unknown {
  if (!isLogicalName(value))
    throw new InvalidParameterValueError(`Expected name for ${name}: ${String(value)}`)
  return value
}

/**
 * The keys of `doc` that `schema` declares (`patched_validate_with_schema` drops the others
 * before validating).
 */
export function pruneToSchema(
  doc: Record<string, unknown>,
  schema: { readonly properties?: Readonly<Record<string, unknown>> },
): Record<string, unknown> {
  const known = schema.properties ?? {}
  return Object.fromEntries(Object.entries(doc).filter(([k]) => Object.hasOwn(known, k)))
}

/**
 * `duplicate_steps`: an interface/step pair at most once. `subject` starts the sentence:
 * Ironic 21.4 says "A deploy template", master "A template".
 */
export function checkDuplicateSteps(
  steps: readonly { interface: string; step: string }[],
  subject: string,
): void {
  const seen = new Set<string>()
  const dups: string[] = []
  for (const s of steps) {
    const key = `interface: ${s.interface}, step: ${s.step}`
    if (seen.has(key) && !dups.includes(key)) dups.push(key)
    seen.add(key)
  }
  if (dups.length === 0) return
  throw new IronicError(
    `Deploy template invalid: Duplicate deploy steps. ${subject} cannot have multiple deploy steps ` +
      `with the same interface and step. Duplicates: ${dups.join('; ')}.`,
    { code: 'INVALID_DEPLOY_TEMPLATE', status: 400 },
  )
}
