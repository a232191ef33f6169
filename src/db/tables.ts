/**
 * @module Row types of every table, as kysely sees them. JSON columns hold JSON text,
 * booleans are stored as 0/1 (read back as 0/1 on SQLite and booleans on PostgreSQL),
 * timestamps as ISO-8601 text.
 */
import type { Generated } from 'kysely'

type Str = string | null
type Bool = number | boolean | null
/** JSON-encoded text. */
type Json = string | null

/** Columns every resource table shares. */
interface Timestamps {
  created_at: string
  updated_at: Str
  /** Bumped on every update; the ETag of the resource. */
  revision: Generated<number>
}

export interface NodeRow extends Timestamps {
  id: Generated<number>
  uuid: string
  name: Str
  driver: string
  chassis_id: number | null
  instance_uuid: Str
  instance_name: Str
  power_state: Str
  target_power_state: Str
  provision_state: Str
  target_provision_state: Str
  provision_updated_at: Str
  last_error: Str
  instance_info: Json
  properties: Json
  driver_info: Json
  driver_internal_info: Json
  clean_step: Json
  deploy_step: Json
  service_step: Json
  raid_config: Json
  target_raid_config: Json
  resource_class: Str
  reservation: Str
  conductor_affinity: number | null
  conductor_group: string
  maintenance: Bool
  maintenance_reason: Str
  fault: Str
  console_enabled: Bool
  inspection_started_at: Str
  inspection_finished_at: Str
  extra: Json
  automated_clean: Bool
  protected: Bool
  protected_reason: Str
  owner: Str
  lessee: Str
  allocation_id: number | null
  description: Str
  bios_interface: Str
  boot_interface: Str
  console_interface: Str
  deploy_interface: Str
  firmware_interface: Str
  inspect_interface: Str
  management_interface: Str
  network_interface: Str
  power_interface: Str
  raid_interface: Str
  rescue_interface: Str
  storage_interface: Str
  vendor_interface: Str
  retired: Bool
  retired_reason: Str
  network_data: Json
  boot_mode: Str
  secure_boot: Bool
  shard: Str
  parent_node: Str
  disable_power_off: Bool
  health: Str
}

export interface ChassisRow extends Timestamps {
  id: Generated<number>
  uuid: string
  description: Str
  extra: Json
}

export interface PortRow extends Timestamps {
  id: Generated<number>
  uuid: string
  address: string
  node_id: number | null
  portgroup_id: number | null
  extra: Json
  local_link_connection: Json
  pxe_enabled: Bool
  internal_info: Json
  physical_network: Str
  is_smartnic: Bool
  name: Str
  description: Str
  vendor: Str
  category: Str
  available_for_dynamic_portgroup: Bool
}

export interface PortgroupRow extends Timestamps {
  id: Generated<number>
  uuid: string
  name: Str
  node_id: number | null
  address: Str
  extra: Json
  internal_info: Json
  standalone_ports_supported: Bool
  mode: Str
  properties: Json
  physical_network: Str
  category: Str
  dynamic_portgroup: Bool
}

export interface ConductorRow extends Timestamps {
  id: Generated<number>
  hostname: string
  drivers: Json
  online: Bool
  conductor_group: string
  /** The URL other processes reach this conductor's JSON-RPC endpoint at. */
  rpc_url: Str
}

export interface ConductorHardwareInterfaceRow {
  id: Generated<number>
  conductor_id: number
  hardware_type: string
  interface_type: string
  interface_name: string
  default: Bool
}

export interface NodeTraitRow {
  node_id: number
  trait: string
  created_at: string
}

export interface NodeTagRow {
  node_id: number
  tag: string
  created_at: string
}

export interface VolumeConnectorRow extends Timestamps {
  id: Generated<number>
  uuid: string
  node_id: number | null
  type: string
  connector_id: string
  extra: Json
}

export interface VolumeTargetRow extends Timestamps {
  id: Generated<number>
  uuid: string
  node_id: number | null
  volume_type: string
  properties: Json
  boot_index: number
  volume_id: string
  extra: Json
}

export interface BiosSettingRow {
  node_id: number
  name: string
  value: Str
  attribute_type: Str
  allowable_values: Json
  lower_bound: number | null
  max_length: number | null
  min_length: number | null
  read_only: Bool
  reset_required: Bool
  unique: Bool
  upper_bound: number | null
  created_at: string
  updated_at: Str
}

export interface AllocationRow extends Timestamps {
  id: Generated<number>
  uuid: string
  name: Str
  node_id: number | null
  state: string
  owner: Str
  last_error: Str
  resource_class: Str
  traits: Json
  candidate_nodes: Json
  extra: Json
  conductor_affinity: number | null
}

export interface DeployTemplateRow extends Timestamps {
  id: Generated<number>
  uuid: string
  name: string
  extra: Json
}

export interface DeployTemplateStepRow {
  id: Generated<number>
  deploy_template_id: number
  interface: string
  step: string
  args: string
  priority: number
}

export interface NodeHistoryRow {
  id: Generated<number>
  uuid: string
  node_id: number
  conductor: Str
  event_type: Str
  severity: Str
  event: Str
  user: Str
  project: Str
  state: Str
  target_provision_state: Str
  duration_seconds: number | null
  created_at: string
}

export interface NodeInventoryRow {
  id: Generated<number>
  node_id: number
  inventory_data: Json
  plugin_data: Json
  created_at: string
}

export interface FirmwareComponentRow {
  id: Generated<number>
  node_id: number
  component: string
  initial_version: string
  current_version: Str
  last_version_flashed: Str
  vendor: Str
  model: Str
  serial_number: Str
  created_at: string
  updated_at: Str
}

export interface RunbookRow extends Timestamps {
  id: Generated<number>
  uuid: string
  name: string
  description: Str
  public: Bool
  owner: Str
  disable_ramdisk: Bool
  extra: Json
}

export interface RunbookStepRow {
  id: Generated<number>
  runbook_id: number
  interface: string
  step: string
  args: string
  order: number
}

export interface RunbookTraitRow {
  runbook_id: number
  trait: string
}

export interface InspectionRuleRow extends Timestamps {
  id: Generated<number>
  uuid: string
  priority: number
  description: Str
  scope: Str
  sensitive: Bool
  phase: Str
  conditions: Json
  actions: Json
}

export interface Tables {
  nodes: NodeRow
  chassis: ChassisRow
  ports: PortRow
  portgroups: PortgroupRow
  conductors: ConductorRow
  conductor_hardware_interfaces: ConductorHardwareInterfaceRow
  node_traits: NodeTraitRow
  node_tags: NodeTagRow
  volume_connectors: VolumeConnectorRow
  volume_targets: VolumeTargetRow
  bios_settings: BiosSettingRow
  allocations: AllocationRow
  deploy_templates: DeployTemplateRow
  deploy_template_steps: DeployTemplateStepRow
  node_history: NodeHistoryRow
  node_inventory: NodeInventoryRow
  firmware_information: FirmwareComponentRow
  runbooks: RunbookRow
  runbook_steps: RunbookStepRow
  runbook_traits: RunbookTraitRow
  inspection_rules: InspectionRuleRow
}
