/**
 * @module A portgroup as the API shows it, and the version gates on its fields
 * (`check_allowed_portgroup_fields`).
 */
import type { PortgroupRecord } from '../../../db/repos/portgroups.js'
import { PORTGROUP_FIELDS } from '../../fields/portgroups.js'
import { links } from '../../http.js'
import type { ApiObject } from '../../serialize.js'
import { MINOR } from '../../versions.js'
import { checkFieldVersions } from '../ports/collection.js'
import { resourceView, type ViewOptions } from '../ports/view.js'

/** 406 for `fields` (or a sort key) naming a portgroup field newer than the request. */
export function checkPortgroupFieldVersions(
  names: readonly string[] | undefined,
  minor: number,
): void {
  checkFieldVersions(PORTGROUP_FIELDS, names, minor)
}

/** The API object of one portgroup. */
export function portgroupView(pg: PortgroupRecord, opts: ViewOptions): ApiObject {
  // Ironic 21.4 shows mode and properties to every client, although 1.26 introduced them.
  const minor = opts.fields ? opts.minor : Math.max(opts.minor, MINOR.PORTGROUP_MODE_PROPERTIES)
  return resourceView(
    {
      fields: PORTGROUP_FIELDS,
      path: `portgroups/${pg.uuid}`,
      computed: { node_uuid: pg.node_uuid },
      subLinks: { ports: links(opts.base, `portgroups/${pg.uuid}/ports`) },
    },
    pg as unknown as Record<string, unknown>,
    opts,
    minor,
  )
}
