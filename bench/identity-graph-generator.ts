// The identity graph the identity benchmarks stitch (bench/identity-math.ts, identity-warehouse.ts).
import { seededRandom } from '../src/core/matching/seeded-random.js';

export const TYPES = ['anonymous_id', 'user_id', 'email', 'phone', 'crm_contact_id'] as const;
const [ANON, USER, EMAIL, PHONE, CRM] = [0, 1, 2, 3, 4];

/**
 * A numbered identity graph shaped like event data: per person a login (60 %), one or two
 * emails, a phone (half), a CRM contact (a fifth) and one to four browsers; plus the bad input
 * the guards exist for: kiosks (a browser seen with a dozen people), a support inbox on 100k
 * logins, and people with two logins joined by one email.
 */
export function numberedGraph(edgeTarget: number) {
  const random = seededRandom(42);
  const types: number[] = [];
  const left = new Int32Array(edgeTarget);
  const right = new Int32Array(edgeTarget);
  let edges = 0;
  const node = (t: number) => types.push(t) - 1;
  const edge = (a: number, b: number) => {
    if (edges < edgeTarget) {
      left[edges] = a;
      right[edges++] = b;
    }
  };
  const inbox = node(EMAIL);
  const emails: number[] = [];
  while (edges < edgeTarget) {
    const email = node(EMAIL);
    emails.push(email);
    const anchor = random() < 0.6 ? node(USER) : email;
    if (anchor !== email) edge(anchor, email);
    if (random() < 0.4) edge(anchor, node(EMAIL));
    if (random() < 0.5) edge(email, node(PHONE));
    if (random() < 0.2) edge(node(CRM), email);
    const browsers = 1 + Math.floor(random() * 4);
    for (let b = 0; b < browsers; b++) {
      const anon = node(ANON);
      edge(anon, anchor);
      if (random() < 0.5) edge(anon, email);
    }
    if (random() < 0.002) edge(node(USER), email); // a second login on one email
    if (random() < 0.01 && anchor !== email) edge(anchor, inbox);
    if (random() < 0.001 && emails.length > 20) {
      const kiosk = node(ANON);
      for (let k = 0; k < 12; k++) edge(kiosk, emails[Math.floor(random() * emails.length)]!);
    }
  }
  return {
    nodeCount: types.length,
    nodeType: Uint8Array.from(types),
    edgeCount: edges,
    left,
    right,
  };
}
