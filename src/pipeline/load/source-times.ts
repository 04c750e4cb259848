import type { SourceConfig } from '../../core/config/config.js';
import { compileTimestampFormat } from '../../core/values/timestamp-format.js';
import { zonedToInstant } from '../../core/values/zoned-time.js';
import { parseTimestamp } from '../../core/values/parse-timestamp.js';

/** How a source's timestamp cells become instants, when it declares `timestamp_format` or `timezone`. */
export interface SourceTimes {
  /** Epoch ms, or null when the cell does not match (a dead letter naming the column). */
  parse(cell: string): number | null;
  /** What a cell must look like, for the dead letter's message. */
  readonly expected: string;
}

// An ISO value carries its own offset when a time part ends in Z or ±hh[:mm]; a date alone never does.
const HAS_OFFSET = /[T ]\d{1,2}:\d{2}.*([zZ]|[+-]\d{2}(:?\d{2})?)$/;

/** The source's timestamp reading, or null when it keeps the default (ISO-8601, UTC without an offset). */
export function sourceTimes(source: SourceConfig): SourceTimes | null {
  const zone = source.timezone;
  const text = source.timestampFormat;
  if (text === undefined && zone === undefined) return null;
  const local = (wall: number) => (zone === undefined ? wall : zonedToInstant(wall, zone));
  if (text !== undefined) {
    const format = compileTimestampFormat(text);
    return {
      expected: `timestamp_format '${text}'`,
      parse: (cell) => {
        const wall = format.parse(cell);
        return wall === null ? null : local(wall);
      },
    };
  }
  return {
    expected: 'an ISO-8601 timestamp',
    parse: (cell) => {
      const value = cell.trim();
      const ms = parseTimestamp(value);
      if (ms === null || Number.isNaN(ms)) return null;
      return HAS_OFFSET.test(value) ? ms : local(ms);
    },
  };
}
