/**
 * @module Replays Ironic 21.4's bios-* fixtures: /v1/nodes/{node}/bios and /bios/{name} before
 * and after manual cleans with fake-hardware's `bios.apply_configuration` and `factory_reset`.
 */
import {
  BIOS_FIELD_CHOICES,
  BIOS_FIELDS_LINKS,
  biosSchemaError,
} from './differences.js'
import { groupSteps } from './group-suite.js'
import { replaySuite } from './suite.js'

const MANAGEABLE = { waitFor: 'manageable' }

replaySuite(
  'Ironic 21.4 fixtures: node BIOS settings',
  groupSteps('bios-', {
    bindBy: { nodes: 'N' },
    saves: { 'setup-node': 'N' },
    overrides: {
      'provision-manage': MANAGEABLE,
      'provision-clean-apply-configuration': MANAGEABLE,
      'provision-clean-apply-again': MANAGEABLE,
      'provision-clean-factory-reset': MANAGEABLE,
      'provision-clean-apply-no-settings': {
        until: { url: '/v1/nodes/{N}', done: (n) => n.provision_state === 'clean failed' },
      },
      'provision-manage-after-failed-clean': MANAGEABLE,
      'list-detail-at-1.73': {
        differs: biosSchemaError("Additional properties are not allowed ('detail' was unexpected)"),
      },
      'list-fields-at-1.73': {
        differs: biosSchemaError("Additional properties are not allowed ('fields' was unexpected)"),
      },
      'list-fields-bogus': {
        differs: biosSchemaError(`'bogus' is not one of ${BIOS_FIELD_CHOICES}`),
      },
      'list-fields-name-value-links': { differs: BIOS_FIELDS_LINKS },
      'show-bad-name': {
        differs: biosSchemaError("'bad name!' does not match '(?i)^[A-Z0-9-._~]+$'"),
      },
      'show-fields': {
        differs: biosSchemaError("Additional properties are not allowed ('fields' was unexpected)"),
      },
    },
  }),
)
