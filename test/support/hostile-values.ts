/**
 * Filter values an attacker or a broken client might send: quotes, injected SQL, non-ASCII, an
 * escaped NUL and a long value. Every filter must treat each as a plain value that matches nothing.
 */
export const HOSTILE_VALUES: readonly string[] = [
  "'",
  "'; DROP TABLE conversation_economics; --",
  "SMB' OR '1'='1",
  '" OR 1=1 --',
  'ünïcødé ✓ 🚀',
  '\\x00',
  'x'.repeat(200),
];
