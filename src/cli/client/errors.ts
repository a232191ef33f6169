/** @module Errors of the Bare Metal client: each becomes one line on stderr and a non-zero exit. */

/** An error the user caused or must act on; its message is printed as is. */
export class ClientError extends Error {
  /** Process exit code (1 for failures, 2 for bad usage). */
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'ClientError'
    this.exitCode = exitCode
  }
}

/** A bad argument or option value given on the command line. */
export class UsageError extends ClientError {
  constructor(message: string) {
    super(message, 2)
    this.name = 'UsageError'
  }
}

/** An HTTP error answer of the Bare Metal API (Ironic's error format). */
export class ApiError extends ClientError {
  readonly status: number
  readonly faultstring: string
  constructor(status: number, faultstring: string) {
    // A multi-line faultstring (jsonschema's details) keeps its first line, and the status.
    super(`${faultstring.split('\n')[0]?.trimEnd() ?? ''} (HTTP ${status})`)
    this.name = 'ApiError'
    this.status = status
    this.faultstring = faultstring
  }
}

/** The server could not be reached at all. */
export class ConnectionError extends ClientError {
  constructor(url: string, cause: string) {
    super(`Unable to establish connection to ${url}: ${cause}`)
    this.name = 'ConnectionError'
  }
}

/** Extracts the faultstring from an Ironic error body (`error_message` may be JSON text). */
export function faultstringOf(text: string): string {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return text.trim() || 'Unknown error'
  }
  if (typeof body !== 'object' || body === null) return String(body)
  let em: unknown = (body as Record<string, unknown>).error_message
  if (typeof em === 'string') {
    const raw = em
    try {
      em = JSON.parse(raw)
    } catch {
      return raw
    }
  }
  if (typeof em === 'object' && em !== null) {
    const e = em as Record<string, unknown>
    // Ironic's own 404 for an unknown path has an empty description: fall through to its title.
    for (const key of ['faultstring', 'description', 'message', 'title']) {
      const v = e[key]
      if (typeof v === 'string' && v !== '') return v
    }
  }
  const b = body as Record<string, unknown>
  for (const key of ['faultstring', 'message', 'title', 'description']) {
    const v = b[key]
    if (typeof v === 'string' && v !== '') return v
  }
  return text.trim()
}

/** The one-line message for any error reaching the top of a command. */
export function messageOf(err: unknown): string {
  if (err instanceof ClientError) return err.message
  if (err instanceof Error) return `${err.name}: ${err.message}`
  return String(err)
}
