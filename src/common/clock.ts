/**
 * @module An injectable clock and the timestamp format Ironic shows (`2026-01-02T03:04:05.678000+00:00`).
 */

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** ISO-8601 with microseconds and an explicit UTC offset, as Ironic's API returns datetimes. */
export function isoTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000+00:00`
}
