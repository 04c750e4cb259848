/** How far a record's event time can be trusted. */
export type ClockStatus = 'corrected' | 'unverified' | 'source' | 'skew_out_of_bounds';

export interface EventTime {
  /** Epoch milliseconds of the event, on the receiver's clock when it could be corrected. */
  readonly occurredAt: number;
  readonly clock: ClockStatus;
  /** receivedAt − sentAt: how far the sender's clock was behind (negative: ahead). */
  readonly skewMs: number | null;
}

/**
 * A device's clock may be off by hours; the interval between the event and the send is still
 * right. When the payload says when it was sent, the event happened `sentAt − timestamp` before
 * it was received: receivedAt − (sentAt − timestamp). Without sentAt the client's time is kept
 * and flagged `unverified`. Files carry their source system's times (`source`), not a device's.
 * A skew larger than `maxSkewMs` either way is not a clock that drifted but a sent_at that cannot
 * be trusted (a year typed wrong, a replayed payload): the event keeps its own time, flagged
 * `skew_out_of_bounds` with the skew measured.
 */
export function correctEventTime(
  timestamp: number,
  sentAt: number | null,
  receivedAt: number,
  fromDevice: boolean,
  maxSkewMs = Infinity,
): EventTime {
  if (!fromDevice) return { occurredAt: timestamp, clock: 'source', skewMs: null };
  if (sentAt === null) return { occurredAt: timestamp, clock: 'unverified', skewMs: null };
  const skewMs = receivedAt - sentAt;
  if (Math.abs(skewMs) > maxSkewMs)
    return { occurredAt: timestamp, clock: 'skew_out_of_bounds', skewMs };
  return { occurredAt: receivedAt - (sentAt - timestamp), clock: 'corrected', skewMs };
}
