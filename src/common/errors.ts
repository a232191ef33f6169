/**
 * @module The one error hierarchy of Anvil. Each error carries its HTTP status; the API maps
 * them to Ironic's wire format in one place (`api/error-handler.ts`).
 */

export interface ErrorDetails {
  readonly [key: string]: unknown
}

/** Base of every error Anvil shows to a client. */
export class IronicError extends Error {
  readonly code: string
  readonly status: number
  readonly details: ErrorDetails
  /** Extra response headers (e.g. the version range on a 406). */
  readonly headers: Readonly<Record<string, string>>

  constructor(
    message: string,
    opts: { code?: string; status?: number; details?: ErrorDetails; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.name = new.target.name
    this.code = opts.code ?? 'INVALID'
    this.status = opts.status ?? 400
    this.details = opts.details ?? {}
    this.headers = opts.headers ?? {}
  }
}

/** 400: a request parameter or body value is wrong. */
export class InvalidParameterValueError extends IronicError {
  constructor(message: string, details?: ErrorDetails) {
    super(message, { code: 'INVALID_PARAMETER_VALUE', status: 400, details: details ?? {} })
  }
}

/** 400: the request is malformed (bad JSON, wrong content). */
export class ClientSideError extends IronicError {
  constructor(message: string, status = 400) {
    super(message, { code: 'CLIENT_SIDE_ERROR', status })
  }
}

/** 404: a resource or endpoint does not exist (at this microversion). */
export class NotFoundError extends IronicError {
  constructor(message = 'The resource could not be found.') {
    super(message, { code: 'NOT_FOUND', status: 404 })
  }
}

/** 405: the path exists but not with this HTTP method. */
export class MethodNotAllowedError extends IronicError {
  /** @param allow the methods the resource has, for the `Allow` header */
  constructor(method: string, allow?: readonly string[]) {
    super(`The method ${method} is not allowed for this resource.`, {
      code: 'METHOD_NOT_ALLOWED',
      status: 405,
      ...(allow ? { headers: { Allow: allow.join(', ') } } : {}),
    })
  }
}

/** 406: the requested microversion is outside the served range or malformed. */
export class NotAcceptableError extends IronicError {
  constructor(message: string, headers: Record<string, string> = {}) {
    super(message, { code: 'NOT_ACCEPTABLE', status: 406, headers })
  }
}

/** 409: a uniqueness or state conflict. */
export class ConflictError extends IronicError {
  constructor(message: string, code = 'CONFLICT') {
    super(message, { code, status: 409 })
  }
}

/** 409: the node is reserved by another task. */
export class NodeLockedError extends IronicError {
  constructor(node: string, host: string) {
    super(
      `Node ${node} is locked by host ${host}, please retry after the current operation is completed.`,
      { code: 'NODE_LOCKED', status: 409, details: { node, host } },
    )
  }
}

/** 412: `If-Match` does not match the resource's current ETag. */
export class PreconditionFailedError extends IronicError {
  constructor(message = 'The resource has changed: the If-Match header does not match its ETag.') {
    super(message, { code: 'PRECONDITION_FAILED', status: 412 })
  }
}

/** 413: the request body is larger than allowed. */
export class PayloadTooLargeError extends IronicError {
  constructor(limit: number) {
    super(`Request body is larger than the limit of ${limit} bytes.`, {
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
    })
  }
}

/** 415: the request body is not JSON. */
export class UnsupportedMediaTypeError extends IronicError {
  constructor(type: string) {
    super(`Unsupported Content-Type "${type}": the request body must be application/json.`, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
    })
  }
}

/** 500 for anything that is not an {@link IronicError}. */
export class InternalError extends IronicError {
  constructor(message = 'An internal server error occurred.') {
    super(message, { code: 'INTERNAL_ERROR', status: 500 })
  }
}
