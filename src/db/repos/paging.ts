/**
 * @module Keyset pagination shared by every collection: order by (sort key, id) and resume
 * after the marker row, as oslo.db's paginate_query does.
 */
import type { SelectQueryBuilder } from 'kysely'

export interface PageRequest {
  limit: number
  /** id and sort-key value of the marker row, when paging on. */
  after?: { id: number; value: unknown } | undefined
  sortColumn: string
  sortDir: 'asc' | 'desc'
}

/**
 * Applies ORDER BY, the marker condition and LIMIT to a select over `table`.
 * NULLs sort first ascending on both dialects.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function paginate<QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  table: string,
  page: PageRequest,
): QB {
  const col = `${table}.${page.sortColumn}`
  const id = `${table}.id`
  const cmp = page.sortDir === 'asc' ? '>' : '<'
  let q = qb
  if (page.after) {
    const { id: afterId, value } = page.after
    if (page.sortColumn === 'id') {
      q = q.where(id, cmp, afterId) as QB
    } else if (value === null || value === undefined) {
      q = q.where((eb) =>
        page.sortDir === 'asc'
          ? eb.or([eb(col, 'is not', null), eb.and([eb(col, 'is', null), eb(id, '>', afterId)])])
          : eb.and([eb(col, 'is', null), eb(id, '<', afterId)]),
      ) as QB
    } else {
      q = q.where((eb) =>
        eb.or([
          eb(col, cmp, value),
          eb.and([eb(col, '=', value), eb(id, cmp, afterId)]),
          ...(page.sortDir === 'desc' ? [eb(col, 'is', null)] : []),
        ]),
      ) as QB
    }
  }
  if (page.sortColumn !== 'id') {
    q = q.orderBy(col, (ob) =>
      page.sortDir === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast(),
    ) as QB
  }
  q = q.orderBy(id, page.sortDir) as QB
  return q.limit(page.limit) as QB
}
