/**
 * @module The API's settings, read from the configuration.
 */
import type { Config } from '../common/config.js'
import type { ApiSettings } from '../api/deps.js'
import { MAX_MINOR } from '../api/versions.js'

export function apiSettings(config: Config): ApiSettings {
  return {
    maxLimit: config.api.max_limit,
    publicEndpoint: config.api.public_endpoint,
    bodyLimit: config.oslo_middleware.max_request_body_size,
    defaultResourceClass: config.DEFAULT.default_resource_class,
    allowDeletingAvailableNodes: config.conductor.allow_deleting_available_nodes,
    heartbeatTimeoutSeconds: config.conductor.heartbeat_timeout,
  }
}

/** `[DEFAULT]pin_release_version` caps the advertised maximum; Anvil accepts "1.N". */
export function maxMinorOf(config: Config): number {
  const pin = config.DEFAULT.pin_release_version
  const m = pin ? /^1\.(\d+)$/.exec(pin) : null
  return m ? Math.min(Number(m[1]), MAX_MINOR) : MAX_MINOR
}
