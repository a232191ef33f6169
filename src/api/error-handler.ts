/**
 * @module Maps every error to an HTTP response, once, in Ironic's wire format:
 * `{"error_message": "{\"faultstring\": ..., \"faultcode\": ..., \"debuginfo\": null}"}`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import {
  ClientSideError,
  InternalError,
  IronicError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../common/errors.js'

/** The body Ironic sends for an error with this status and message. */
export function errorBody(status: number, message: string): string {
  // Python's json.dumps layout (", " and ": "), key order as Ironic sends it
  const faultcode = status >= 500 ? 'Server' : 'Client'
  const inner = `{"faultcode": "${faultcode}", "faultstring": ${JSON.stringify(message)}, "debuginfo": null}`
  return JSON.stringify({ error_message: inner })
}

/** Turns a fastify-internal error into an {@link IronicError}. */
function fromFastify(err: FastifyError, bodyLimit: number): IronicError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PayloadTooLargeError(bodyLimit)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new UnsupportedMediaTypeError(String(err.message.split(': ').pop() ?? ''))
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ClientSideError('The request body is empty; a JSON document is expected.')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ClientSideError(`Invalid JSON in the request body: ${err.message}`)
    default:
      if (err instanceof SyntaxError) return new ClientSideError(`Invalid JSON in the request body: ${err.message}`)
      if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
        return new IronicError(err.message, { status: err.statusCode, code: err.code })
      }
      return undefined
  }
}

export function makeErrorHandler(bodyLimit: number) {
  return function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
    let error: IronicError
    if (err instanceof IronicError) error = err
    else {
      const mapped = fromFastify(err, bodyLimit)
      if (mapped) error = mapped
      else {
        req.log.error({ err }, 'unexpected error')
        error = new InternalError()
      }
    }
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value)
    void reply
      .code(error.status)
      .type('application/json')
      .send(errorBody(error.status, error.message))
  }
}
