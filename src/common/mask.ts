/** @module Secret masking for API output, as oslo.utils `mask_password`/`mask_dict_password`. */

/**
 * Substrings that mark a key (or a `key=value` fragment inside a string) as secret. Same list and
 * order as oslo.utils `strutils._SANITIZE_KEYS` (current master, which adds `chapsecret`).
 */
export const SANITIZE_KEYS: readonly string[] = Object.freeze([
  'adminpass',
  'admin_pass',
  'password',
  'admin_password',
  'auth_token',
  'new_pass',
  'auth_password',
  'secret_uuid',
  'secret',
  'sys_pswd',
  'token',
  'configdrive',
  'chappassword',
  'encrypted_key',
  'private_key',
  'fernetkey',
  'sslkey',
  'passphrase',
  'cephclusterfsid',
  'octaviaheartbeatkey',
  'rabbitcookie',
  'cephmanilaclientkey',
  'pacemakerremoteauthkey',
  'designaterndckey',
  'cephadminkey',
  'heatauthencryptionkey',
  'cephclientkey',
  'keystonecredential',
  'barbicansimplecryptokek',
  'cephrgwkey',
  'swifthashsuffix',
  'migrationsshkey',
  'cephmdskey',
  'cephmonkey',
  'chapsecret',
])

/** The mask Ironic puts in place of secrets in API responses. */
export const SECRET_MASK = '******'

/** A JSON object as stored in `driver_info`, `instance_info`, etc. */
export type JsonDict = Readonly<Record<string, unknown>>

// Exact oslo gate: `key in s.lower()` for some key.
const EXACT_GATE = new RegExp(SANITIZE_KEYS.join('|'))
// Cheap superset of the exact gate, so most strings skip toLowerCase(). The only non-ASCII
// character that lower-cases into a key is the Kelvin sign (U+212A -> k); non-unicode /i is faster.
const QUICK_GATE = new RegExp(SANITIZE_KEYS.join('|').replaceAll('k', '[k\\u212a]'), 'i')

/** True when `s.toLowerCase()` contains a sanitize key (oslo's `key in s.lower()` test). */
function hasSecretWord(s: string): boolean {
  return QUICK_GATE.test(s) && EXACT_GATE.test(s.toLowerCase())
}

// oslo's _FORMAT_PATTERNS_2, _1 and _WILDCARD, in its order, rewritten for JS regexps.
// WS is Python's `\s` (str.isspace()), unlike JS `\s` (+\x1c-\x1f and \x85, -\ufeff). Python's
// IGNORECASE also lets `i` match U+0130 and U+0131, which JS /iu does not, hence the explicit sets.
const WS =
  '\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const S = `[${WS}]`
const NS = `[^${WS}]`
const ALPHA = '[A-z\\u0130\\u0131]'
const Q = `["']`
const NQ = `[^"']`

interface KeyPatterns {
  readonly two: readonly RegExp[]
  readonly one: readonly RegExp[]
  readonly wildcard: readonly RegExp[]
}

function buildPatterns(key: string): KeyPatterns {
  const k = `${key.replaceAll('i', '[i\\u0130\\u0131]')}[0-9]*`
  const re = (src: string): RegExp => new RegExp(src, 'gisu')
  return {
    two: [
      `(${k}${S}*=${S}*${Q})${NQ}*(${Q})`,
      `(${k}${S}*=${S}*")[^"]*(")`,
      `(${k}${S}*=${S}*')[^']*(')`,
      `(${k}${S}+${Q})${NQ}*(${Q})`,
      `(--${k}${S}+)[^'^"=${WS}]+(${S}*)`,
      `(<${k}>)[^<]*(</${k}>)`,
      `(${Q}${k}${Q}${S}*:${S}*${Q})${NQ}*(${Q})`,
      `(${Q}${NQ}*${k}${Q}${S}*:${S}*u?${Q})${NQ}*(${Q})`,
      `(${Q}${NQ}*${k}${Q}${S}*,${S}*'--?${ALPHA}+'${S}*,${S}*u?${Q})${NQ}*(${Q})`,
      `(${k}${S}*--?${ALPHA}+${S}*)${NS}+(${S}*)`,
    ].map(re),
    one: [re(`(${k}${S}*=${S}*)[^${WS}^'"]+`)],
    wildcard: [re(`(${Q}${NQ}*${k}${Q}${S}*:${S}*u?${Q}.*${Q})${NQ}*(${Q})`)],
  }
}

const patternCache = new Map<string, KeyPatterns>()

function patternsFor(key: string): KeyPatterns {
  let p = patternCache.get(key)
  if (p === undefined) {
    p = buildPatterns(key)
    patternCache.set(key, p)
  }
  return p
}

/**
 * Replaces passwords and other secrets inside a free-form string, like oslo.utils `mask_password`:
 * `password=x`, `"token": "x"`, `--password x`, `<password>x</password>` and similar forms.
 *
 * @param secret - replacement text (oslo's default is `***`; Anvil uses Ironic's `******`).
 * @example maskPassword('ipmitool password=abc -U x') // 'ipmitool password=****** -U x'
 */
export function maskPassword(message: string, secret: string = SECRET_MASK): string {
  if (!QUICK_GATE.test(message)) return message
  const two = (_m: string, a: string, b: string): string => a + secret + b
  const one = (_m: string, a: string): string => a + secret
  const wild = (_m: string, a: string): string => a
  let out = message
  let lower = message.toLowerCase()
  for (const key of SANITIZE_KEYS) {
    // oslo re-checks each key against the message as masked so far.
    if (!lower.includes(key)) continue
    const p = patternsFor(key)
    const before = out
    for (const re of p.two) out = out.replace(re, two)
    for (const re of p.one) out = out.replace(re, one)
    for (const re of p.wildcard) out = out.replace(re, wild)
    if (out !== before) lower = out.toLowerCase()
  }
  return out
}

function isDict(v: unknown): v is JsonDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })
}

function maskValue(key: string, value: unknown, secret: string): unknown {
  if (isDict(value)) return maskDict(value, secret)
  if (hasSecretWord(key)) return secret
  if (typeof value === 'string') return maskPassword(value, secret)
  return value
}

function maskDict(dict: JsonDict, secret: string): JsonDict {
  let out: Record<string, unknown> | undefined
  for (const key of Object.keys(dict)) {
    const value = dict[key]
    const masked = maskValue(key, value, secret)
    if (masked === value) continue
    out ??= { ...dict }
    setOwn(out, key, masked)
  }
  return out ?? dict
}

/**
 * Masks secrets in a JSON object recursively, like oslo.utils `mask_dict_password`:
 * - a nested object is always masked recursively (even under a secret-looking key);
 * - otherwise a value whose lower-cased key contains one of {@link SANITIZE_KEYS} becomes
 *   `secret`, whatever its type;
 * - otherwise a string value goes through {@link maskPassword}; arrays and scalars are kept as is
 *   (oslo does not look inside lists).
 *
 * The input is never mutated. Unchanged sub-objects are shared with the input, and when nothing
 * needs masking the input itself is returned (cheap for the common case), so treat the result as
 * read-only.
 *
 * @throws TypeError when `dict` is not a plain object (oslo raises for non-mappings too).
 * @example maskDictPassword({ ipmi_password: 'x', ipmi_address: 'h' }) // ipmi_password: '******'
 */
export function maskDictPassword(dict: JsonDict, secret: string = SECRET_MASK): JsonDict {
  if (!isDict(dict)) throw new TypeError(`Expected a JSON object, got ${typeof dict}`)
  return maskDict(dict, secret)
}

/** Python truthiness for JSON values (empty arrays and objects are false). */
function isTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0
  if (isDict(v)) return Object.keys(v).length > 0
  return Boolean(v)
}

function maskFields(dict: JsonDict, fields: readonly string[]): JsonDict {
  let out: Record<string, unknown> | undefined
  for (const f of fields) {
    if (!Object.hasOwn(dict, f) || !isTruthy(dict[f])) continue
    out ??= { ...dict }
    setOwn(out, f, SECRET_MASK)
  }
  return out ?? dict
}

type Nullable<T> = T | null | undefined

/** Masks a node's `driver_info` as Ironic's `node_sanitize` does (plus SNMP auth/priv keys). */
export function maskDriverInfo<T extends Nullable<JsonDict>>(driverInfo: T): T | JsonDict {
  if (driverInfo === null || driverInfo === undefined) return driverInfo
  return maskFields(maskDictPassword(driverInfo), ['snmp_auth_key', 'snmp_priv_key'])
}

/** Masks a node's `instance_info`; `configdrive` and `image_url` are hidden whenever set. */
export function maskInstanceInfo<T extends Nullable<JsonDict>>(instanceInfo: T): T | JsonDict {
  if (instanceInfo === null || instanceInfo === undefined) return instanceInfo
  return maskFields(maskDictPassword(instanceInfo), ['configdrive', 'image_url'])
}

/** Masks a node's `driver_internal_info`. */
export function maskDriverInternalInfo<T extends Nullable<JsonDict>>(info: T): T | JsonDict {
  if (info === null || info === undefined) return info
  return maskDictPassword(info)
}

/** The three node fields Ironic masks in API output. */
export interface MaskedNodeSecrets<A, B, C> {
  readonly driver_info: A | JsonDict
  readonly instance_info: B | JsonDict
  readonly driver_internal_info: C | JsonDict
}

/**
 * Masks the secret-bearing node fields for output when the caller lacks the `show_password` /
 * `show_instance_secrets` policies (Ironic `api/controllers/v1/node.py` `node_sanitize`).
 * `null`/`undefined` fields pass through unchanged; inputs are never mutated.
 *
 * @example
 * const masked = maskNodeSecrets(node.driver_info, node.instance_info, node.driver_internal_info)
 */
export function maskNodeSecrets<
  A extends Nullable<JsonDict>,
  B extends Nullable<JsonDict>,
  C extends Nullable<JsonDict>,
>(driverInfo: A, instanceInfo: B, driverInternalInfo: C): MaskedNodeSecrets<A, B, C> {
  return {
    driver_info: maskDriverInfo(driverInfo),
    instance_info: maskInstanceInfo(instanceInfo),
    driver_internal_info: maskDriverInternalInfo(driverInternalInfo),
  }
}
