/**
 * @module `anvil port|port group|chassis|volume connector|volume target|deploy template`: the
 * simple resources, declared as field tables for the shared create/list/show/set/unset/delete.
 */
import type { Command } from 'commander'
import { group } from '../command.js'
import { opt, registerCrud, type CrudSpec } from '../crud.js'
import { COLUMNS } from '../fields.js'

const extra = opt('extra', 'dict', 'record arbitrary key/value metadata (repeatable)')
const uuid = opt('uuid', 'string', 'UUID of the resource')
const node = (required = false) => opt('node', 'string', 'UUID of the node', { field: 'node_uuid', required })

const PORT: CrudSpec = {
  def: { path: '/ports', key: 'ports', singular: 'port', columns: COLUMNS.port, longColumns: COLUMNS.portLong },
  words: 'port',
  ident: '<port>',
  createArg: { name: 'address', field: 'address' },
  showByAddress: true,
  createExample: 'anvil port create 52:54:00:12:34:56 --node node-uuid --pxe-enabled true',
  create: [
    node(true), uuid, extra,
    opt('local-link-connection', 'dict', 'switch_id, port_id, switch_info (repeatable key=value)'),
    opt('port-group', 'string', 'UUID of the port group', { field: 'portgroup_uuid' }),
    opt('pxe-enabled', 'bool', 'whether PXE is enabled on the port (true/false)'),
    opt('physical-network', 'string', 'physical network of the port'),
    opt('is-smartnic', 'flag', 'the port is a Smart NIC port'),
    opt('name', 'string', 'name of the port'),
  ],
  filters: [
    opt('address', 'string', 'only the port with this MAC address'),
    opt('node', 'string', 'only ports of this node'),
    opt('port-group', 'string', 'only ports of this port group', { field: 'portgroup' }),
  ],
  set: [
    opt('node', 'string', 'set the node of the port', { field: 'node_uuid' }),
    opt('address', 'string', 'set the MAC address'),
    extra,
    opt('port-group', 'string', 'set the port group', { field: 'portgroup_uuid' }),
    opt('local-link-connection', 'dict', 'set local link connection keys (repeatable)'),
    opt('pxe-enabled', 'flag', 'enable PXE on the port'),
    opt('pxe-disabled', 'flag', 'disable PXE on the port', { field: 'pxe_enabled', value: false }),
    opt('physical-network', 'string', 'set the physical network'),
    opt('is-smartnic', 'flag', 'mark the port as a Smart NIC port'),
    opt('name', 'string', 'set the name'),
  ],
  unset: [
    extra,
    opt('port-group', 'flag', 'remove the port from its port group', { field: 'portgroup_uuid' }),
    opt('physical-network', 'flag', 'unset the physical network'),
    opt('is-smartnic', 'flag', 'unset the Smart NIC flag'),
    opt('name', 'flag', 'unset the name'),
  ],
}

const PORTGROUP: CrudSpec = {
  def: {
    path: '/portgroups', key: 'portgroups', singular: 'port group',
    columns: COLUMNS.portgroup, longColumns: COLUMNS.portgroupLong, hidden: ['ports'],
  },
  words: 'port group',
  ident: '<port-group>',
  showByAddress: true,
  createExample: 'anvil port group create --node node-uuid --name bond0 --mode 802.3ad',
  create: [
    node(true), opt('address', 'string', 'MAC address'), opt('name', 'string', 'name'), uuid, extra,
    opt('mode', 'string', 'bonding mode'),
    opt('property', 'dict', 'port group property (repeatable)', { field: 'properties' }),
    opt('support-standalone-ports', 'flag', 'ports may be used outside the group', { field: 'standalone_ports_supported' }),
    opt('unsupport-standalone-ports', 'flag', 'ports may not be used outside the group', { field: 'standalone_ports_supported', value: false }),
    opt('physical-network', 'string', 'physical network'),
  ],
  filters: [opt('address', 'string', 'only the group with this MAC address'), opt('node', 'string', 'only groups of this node')],
  set: [
    opt('node', 'string', 'set the node', { field: 'node_uuid' }), opt('address', 'string', 'set the MAC address'),
    opt('name', 'string', 'set the name'), extra, opt('mode', 'string', 'set the bonding mode'),
    opt('property', 'dict', 'set a property (repeatable)', { field: 'properties' }),
    opt('support-standalone-ports', 'flag', 'ports may be used outside the group', { field: 'standalone_ports_supported' }),
    opt('unsupport-standalone-ports', 'flag', 'ports may not be used outside the group', { field: 'standalone_ports_supported', value: false }),
    opt('physical-network', 'string', 'set the physical network'),
  ],
  unset: [
    opt('address', 'flag', 'unset the MAC address'), opt('name', 'flag', 'unset the name'), extra,
    opt('property', 'dict', 'remove a property (repeatable)', { field: 'properties' }),
    opt('physical-network', 'flag', 'unset the physical network'),
  ],
}

const CHASSIS: CrudSpec = {
  def: { path: '/chassis', key: 'chassis', singular: 'chassis', columns: COLUMNS.chassis, longColumns: COLUMNS.chassisLong, hidden: ['nodes'] },
  words: 'chassis',
  ident: '<chassis>',
  createExample: 'anvil chassis create --description "rack 4" --extra location=dc1',
  create: [opt('description', 'string', 'description of the chassis'), extra, uuid],
  set: [opt('description', 'string', 'set the description'), extra],
  unset: [opt('description', 'flag', 'unset the description'), extra],
}

const VOLUME_CONNECTOR: CrudSpec = {
  def: {
    path: '/volume/connectors', key: 'connectors', singular: 'volume connector',
    columns: COLUMNS.volumeConnector, longColumns: COLUMNS.volumeConnectorLong,
  },
  words: 'volume connector',
  ident: '<volume-connector>',
  createExample: 'anvil volume connector create --node node-uuid --type iqn --connector-id iqn.2017-08.org.example:01',
  create: [
    node(true), opt('type', 'string', 'type of the connector (iqn, ip, mac, wwnn, wwpn, port, portgroup)', { required: true }),
    opt('connector-id', 'string', 'ID of the connector', { required: true }), uuid, extra,
  ],
  filters: [opt('node', 'string', 'only connectors of this node')],
  set: [
    opt('node', 'string', 'set the node', { field: 'node_uuid' }), opt('type', 'string', 'set the type'),
    opt('connector-id', 'string', 'set the connector ID'), extra,
  ],
  unset: [extra],
}

const VOLUME_TARGET: CrudSpec = {
  def: {
    path: '/volume/targets', key: 'targets', singular: 'volume target',
    columns: COLUMNS.volumeTarget, longColumns: COLUMNS.volumeTargetLong,
  },
  words: 'volume target',
  ident: '<volume-target>',
  createExample: 'anvil volume target create --node node-uuid --type iscsi --boot-index 0 --volume-id vol-1',
  create: [
    node(true), opt('type', 'string', 'volume type, e.g. iscsi or fibre_channel', { field: 'volume_type', required: true }),
    opt('property', 'dict', 'volume target property (repeatable)', { field: 'properties' }),
    opt('boot-index', 'int', 'boot index of the volume target', { required: true }),
    opt('volume-id', 'string', 'ID of the volume', { required: true }), uuid, extra,
  ],
  filters: [opt('node', 'string', 'only targets of this node')],
  set: [
    opt('node', 'string', 'set the node', { field: 'node_uuid' }), opt('type', 'string', 'set the volume type', { field: 'volume_type' }),
    opt('property', 'dict', 'set a property (repeatable)', { field: 'properties' }),
    opt('boot-index', 'int', 'set the boot index'), opt('volume-id', 'string', 'set the volume ID'), extra,
  ],
  unset: [extra, opt('property', 'dict', 'remove a property (repeatable)', { field: 'properties' })],
}

const DEPLOY_TEMPLATE: CrudSpec = {
  def: {
    path: '/deploy_templates', key: 'deploy_templates', singular: 'deploy template',
    columns: COLUMNS.deployTemplate, longColumns: COLUMNS.deployTemplateLong,
  },
  words: 'deploy template',
  ident: '<template>',
  createArg: { name: 'name', field: 'name' },
  createExample:
    'anvil deploy template create CUSTOM_RAID1 --steps \'[{"interface": "raid", "step": "create_configuration", "args": {}, "priority": 10}]\'',
  create: [opt('steps', 'json', 'deploy steps: JSON, a file or -', { required: true }), uuid, extra],
  set: [opt('name', 'string', 'set the name'), opt('steps', 'json', 'set the steps: JSON, a file or -'), extra],
  unset: [extra],
}

/** Registers the simple resources. */
export function registerSimpleResources(program: Command): void {
  const port = group(program, 'port', 'Baremetal ports (NICs of nodes)')
  registerCrud(port, PORT)
  registerCrud(group(port, 'group', 'Baremetal port groups (bonds)'), PORTGROUP)
  registerCrud(group(program, 'chassis', 'Baremetal chassis'), CHASSIS)
  const volume = group(program, 'volume', 'Volume connectors and targets of nodes')
  registerCrud(group(volume, 'connector', 'Baremetal volume connectors'), VOLUME_CONNECTOR)
  registerCrud(group(volume, 'target', 'Baremetal volume targets'), VOLUME_TARGET)
  const deploy = group(program, 'deploy', 'Deploy templates')
  registerCrud(group(deploy, 'template', 'Baremetal deploy templates'), DEPLOY_TEMPLATE)
}
