/** How far a record's event time can be trusted. */
export type ClockStatus = 'corrected' | 'unverified' | 'source';

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
 */
export function correctEventTime(
  timestamp: number,
  sentAt: number | null,
  receivedAt: number,
  fromDevice: boolean,
): EventTime {
  if (!fromDevice) return { occurredAt: timestamp, clock: 'source', skewMs: null };
  if (sentAt === null) return { occurredAt: timestamp, clock: 'unverified', skewMs: null };
  return {
    occurredAt: receivedAt - (sentAt - timestamp),
    clock: 'corrected',
    skewMs: receivedAt - sentAt,
  };
}
