/**
 * @module Column headings and column sets of the `baremetal` CLI (python-ironicclient's
 * resource_fields), so that list output reads exactly like OpenStack's.
 */

const SPECIAL_LABELS: Record<string, string> = {
  allocation_uuid: 'Allocation UUID', attach: 'Response is attachment', bios_interface: 'BIOS Interface',
  chassis_uuid: 'Chassis UUID', connector_id: 'Connector ID', created_at: 'Created At',
  duration_seconds: 'Duration (seconds)', event: 'Description of the event', event_type: 'Event Origin Type',
  hosts: 'Active host(s)', http_methods: 'Supported HTTP methods', id: 'ID', instance_uuid: 'Instance UUID',
  is_smartnic: 'Is Smart NIC port', max_length: 'Maximum Length', min_length: 'Minimum Length',
  network_data: 'Network Configuration', node_uuid: 'Node UUID', portgroup_uuid: 'Portgroup UUID',
  provision_state: 'Provisioning State', pxe_enabled: 'PXE boot enabled', raid_config: 'Current RAID configuration',
  raid_interface: 'RAID Interface', target_raid_config: 'Target RAID configuration', uuid: 'UUID',
  volume_id: 'Volume ID', volume_type: 'Driver Volume Type', children: 'Child Nodes', alive: 'Alive',
  default_bios_interface: 'Default BIOS Interface', default_raid_interface: 'Default RAID Interface',
  enabled_bios_interfaces: 'Enabled BIOS Interfaces', enabled_raid_interfaces: 'Enabled RAID Interfaces',
}

/** The heading of a field: baremetal's label, or the field name title-cased. */
export function labelOf(field: string): string {
  return (
    SPECIAL_LABELS[field] ??
    field
      .split('_')
      .map((w) => (w === 'uuid' ? 'UUID' : w.charAt(0).toUpperCase() + w.slice(1)))
      .join(' ')
  )
}

const words = (s: string): string[] => s.trim().split(/\s+/)

/** Default and `--long` columns of each list command. */
export const COLUMNS = {
  node: words('uuid name instance_uuid power_state provision_state maintenance'),
  nodeLong: words(`allocation_uuid automated_clean bios_interface boot_interface boot_mode chassis_uuid
    clean_step conductor conductor_group console_enabled console_interface created_at raid_config
    deploy_interface deploy_step description disable_power_off driver driver_info driver_internal_info
    extra fault firmware_interface health inspect_interface inspection_finished_at inspection_started_at
    instance_info instance_name instance_uuid last_error lessee maintenance maintenance_reason
    management_interface name network_data network_interface owner parent_node power_interface
    power_state properties protected protected_reason provision_updated_at provision_state
    raid_interface rescue_interface reservation resource_class retired retired_reason secure_boot
    storage_interface target_power_state target_provision_state target_raid_config traits uuid
    updated_at vendor_interface`),
  port: words('uuid address'),
  portLong: words(`uuid address created_at extra node_uuid category vendor local_link_connection
    portgroup_uuid pxe_enabled physical_network updated_at internal_info is_smartnic name`),
  portgroup: words('uuid address name'),
  portgroupLong: words(`uuid address created_at extra standalone_ports_supported node_uuid name
    updated_at internal_info mode properties physical_network category`),
  chassis: words('uuid description'),
  chassisLong: words('uuid description created_at updated_at extra'),
  allocation: words('uuid name resource_class state node_uuid'),
  allocationLong: words(`uuid name state owner node_uuid last_error resource_class traits
    candidate_nodes extra created_at updated_at`),
  deployTemplate: words('uuid name'),
  deployTemplateLong: words('uuid name steps extra created_at updated_at'),
  driver: words('name hosts'),
  conductor: words('hostname conductor_group alive'),
  conductorLong: words('hostname conductor_group alive drivers created_at updated_at'),
  volumeConnector: words('uuid node_uuid type connector_id'),
  volumeConnectorLong: words('uuid node_uuid type connector_id extra created_at updated_at'),
  volumeTarget: words('uuid node_uuid volume_type boot_index volume_id'),
  volumeTargetLong: words('uuid node_uuid volume_type properties boot_index extra volume_id created_at updated_at'),
  history: words('uuid created_at severity event'),
  historyLong: words(`uuid created_at severity event_type event conductor user project state
    target_provision_state duration_seconds`),
  passthru: words('name http_methods async description attach'),
} as const

const INTERFACES = words('bios boot console deploy firmware inspect management network power raid rescue storage vendor')

/** The hardware interface kinds a node has. */
export const INTERFACE_KINDS: readonly string[] = INTERFACES

/** `driver list --long` columns. */
export const DRIVER_LONG_COLUMNS: readonly string[] = [
  'name',
  'type',
  'hosts',
  ...INTERFACES.map((i) => `default_${i}_interface`),
  ...INTERFACES.map((i) => `enabled_${i}_interfaces`),
]

/** Labels overridden for one command (driver lists call `name` "Supported driver(s)"). */
export const DRIVER_LABELS: Record<string, string> = { name: 'Supported driver(s)' }
