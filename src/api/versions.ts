/**
 * @module The microversion table: every feature of the Bare Metal API v1 and the minor version
 * that introduced it, plus header negotiation exactly as Ironic does it.
 */
import { NotAcceptableError } from '../common/errors.js'

/** Feature name → the minor version of API v1 that introduced it (Ironic's versions.py). */
export const MINOR = {
  INITIAL_VERSION: 1,
  AVAILABLE_STATE: 2,
  DRIVER_INTERNAL_INFO: 3,
  MANAGEABLE_STATE: 4,
  NODE_NAME: 5,
  INSPECT_STATE: 6,
  NODE_CLEAN: 7,
  FETCHING_SUBSET_OF_FIELDS: 8,
  PROVISION_STATE_FILTER: 9,
  UNRESTRICTED_NODE_NAME: 10,
  ENROLL_STATE: 11,
  RAID_CONFIG: 12,
  ABORT_VERB: 13,
  LINKS_NODESTATES_DRIVERPROPERTIES: 14,
  MANUAL_CLEAN: 15,
  DRIVER_FILTER: 16,
  ADOPT_VERB: 17,
  PORT_INTERNAL_INFO: 18,
  PORT_ADVANCED_NET_FIELDS: 19,
  NETWORK_INTERFACE: 20,
  RESOURCE_CLASS: 21,
  LOOKUP_HEARTBEAT: 22,
  PORTGROUPS: 23,
  PORTGROUPS_SUBCONTROLLERS: 24,
  UNSET_CHASSIS_UUID: 25,
  PORTGROUP_MODE_PROPERTIES: 26,
  SOFT_POWER_OFF: 27,
  VIFS_SUBCONTROLLER: 28,
  INJECT_NMI: 29,
  DYNAMIC_DRIVERS: 30,
  DYNAMIC_INTERFACES: 31,
  VOLUME: 32,
  STORAGE_INTERFACE: 33,
  PORT_PHYSICAL_NETWORK: 34,
  REBUILD_CONFIG_DRIVE: 35,
  AGENT_VERSION_HEARTBEAT: 36,
  NODE_TRAITS: 37,
  RESCUE_INTERFACE: 38,
  INSPECT_WAIT: 39,
  BIOS_INTERFACE: 40,
  INSPECTION_ABORT: 41,
  FAULT: 42,
  ENABLE_DETAIL_QUERY: 43,
  NODE_DEPLOY_STEP: 44,
  RESET_INTERFACES: 45,
  NODE_CONDUCTOR_GROUP: 46,
  NODE_AUTOMATED_CLEAN: 47,
  NODE_PROTECTED: 48,
  CONDUCTORS: 49,
  NODE_OWNER: 50,
  NODE_DESCRIPTION: 51,
  ALLOCATION: 52,
  PORT_SMARTNIC: 53,
  EVENTS: 54,
  DEPLOY_TEMPLATES: 55,
  BUILD_CONFIGDRIVE: 56,
  ALLOCATION_UPDATE: 57,
  ALLOCATION_BACKFILL: 58,
  CONFIGDRIVE_VENDOR_DATA: 59,
  ALLOCATION_OWNER: 60,
  NODE_RETIRED: 61,
  AGENT_TOKEN: 62,
  INDICATORS: 63,
  LOCAL_LINK_CONNECTION_NETWORK_TYPE: 64,
  NODE_LESSEE: 65,
  NODE_NETWORK_DATA: 66,
  NODE_VIF_ATTACH_PORT: 67,
  HEARTBEAT_VERIFY_CA: 68,
  DEPLOY_STEPS: 69,
  CLEAN_DISABLE_RAMDISK: 70,
  RBAC_SCOPES: 71,
  HEARTBEAT_STATUS: 72,
  DEPLOY_UNDEPLOY_VERBS: 73,
  BIOS_REGISTRY: 74,
  NODE_BOOT_MODE: 75,
  NODE_CHANGE_BOOT_MODE: 76,
  DRIVER_FIELDS_SELECTOR: 77,
  NODE_HISTORY: 78,
  ALLOCATION_NODE_NAME: 79,
  PROJECT_CREATE_DELETE_NODE: 80,
  NODE_INVENTORY: 81,
  NODE_SHARD: 82,
  PARENT_CHILD_NODES: 83,
  CONTINUE_INSPECTION: 84,
  UNHOLD_VERB: 85,
  FIRMWARE_INTERFACE: 86,
  SERVICE: 87,
  PORT_NAME: 88,
  ATTACH_DETACH_VMEDIA: 89,
  OVN_VTEP: 90,
  DOT_JSON: 91,
  RUNBOOKS: 92,
  GET_VMEDIA: 93,
  PORT_NODENAME: 94,
  DISABLE_POWER_OFF: 95,
  INSPECTION_RULES: 96,
  PORT_DESCRIPTION: 97,
  SUPPORT_SPECIAL_CHAR_IN_ATTRIBUTES: 98,
  PORT_PORTGROUP_CONDUCTOR_GROUP_FILTER: 99,
  PORT_VENDOR: 100,
  PORT_CATEGORY: 101,
  PORTGROUP_PHYSICAL_NETWORK: 102,
  PORTGROUP_CATEGORY: 103,
  NODE_INSTANCE_NAME: 104,
  REMOVE_OVN_VTEP: 105,
  PORTGROUP_SHARD: 106,
  X_OPENSTACK_REQUEST_ID: 107,
  SERVICE_DISABLE_RAMDISK: 108,
  NODE_HEALTH: 109,
  DEPLOYWAIT_ABORT: 110,
  DYNAMIC_PORTGROUP: 111,
  RUNBOOK_TRAITS: 112,
  NODE_HISTORY_PROJECT: 113,
  FIRMWARE_IDENTITY: 114,
  NODE_HISTORY_FIELDS: 115,
} as const

export type Feature = keyof typeof MINOR

export const MIN_MINOR = 1
export const MAX_MINOR = 115
export const MIN_VERSION_STRING = `1.${MIN_MINOR}`
export const MAX_VERSION_STRING = `1.${MAX_MINOR}`

export const VERSION_HEADER = 'X-OpenStack-Ironic-API-Version'
export const MIN_VERSION_HEADER = 'X-OpenStack-Ironic-API-Minimum-Version'
export const MAX_VERSION_HEADER = 'X-OpenStack-Ironic-API-Maximum-Version'

/** The headers a 406 carries so that clients can negotiate: the served range. */
function rangeHeaders(maxMinor: number): Record<string, string> {
  return { [MIN_VERSION_HEADER]: MIN_VERSION_STRING, [MAX_VERSION_HEADER]: `1.${maxMinor}` }
}

/** Python's int(): optional sign and surrounding blanks, digits with single underscores. */
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/

/** The minor version this request works at, from its headers (no header: 1.1). */
export function negotiateMinor(
  legacy: string | undefined,
  standard: string | undefined,
  maxMinor = MAX_MINOR,
): number {
  const requested = fromStandardHeader(standard) ?? legacy
  if (requested === undefined) return MIN_MINOR
  if (requested.trim().toLowerCase() === 'latest') return maxMinor
  const parts = requested.split('.')
  if (parts.length !== 2 || !parts.every((p) => PY_INT.test(p))) {
    throw new NotAcceptableError(`Invalid value for ${VERSION_HEADER} header`, rangeHeaders(maxMinor))
  }
  const [major, minor] = parts.map((p) => Number(p.replace(/_/g, '').trim())) as [number, number]
  const range = `[${MIN_VERSION_STRING}, 1.${maxMinor}]`
  if (major !== 1) {
    throw new NotAcceptableError(
      `Mutually exclusive versions requested. Version ${major}.${minor} requested but not supported by this service. The supported version range is: ${range}.`,
      rangeHeaders(maxMinor),
    )
  }
  if (minor < MIN_MINOR || minor > maxMinor) {
    throw new NotAcceptableError(
      `Version ${major}.${minor} was requested but the minor version is not supported by this service. The supported version range is: ${range}.`,
      rangeHeaders(maxMinor),
    )
  }
  return minor
}

/** `OpenStack-API-Version: baremetal 1.50[, compute 2.1]` → "1.50" (undefined if absent). */
function fromStandardHeader(value: string | undefined): string | undefined {
  if (!value) return undefined
  for (const part of value.split(',')) {
    const [service, version] = part.trim().split(/\s+/, 2)
    if (service?.toLowerCase() === 'baremetal' && version) return version
  }
  return undefined
}

/** True when the request's minor version has the feature. */
export function allows(minor: number, feature: Feature): boolean {
  return minor >= MINOR[feature]
}
