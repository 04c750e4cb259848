/**
 * Email domains anyone can sign up at: an address there says nothing about the employer, so it
 * never places a person on an account. Config adds to it (identity.accounts.free_mail_domains).
 */
// prettier-ignore
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com',
  'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com',
  'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com',
  'zoho.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', 'fastmail.com',
  'hey.com', 'tutanota.com',
];

/** The built-in list plus `extra`, lower-cased, deduplicated and sorted (stable SQL text). */
export function freeMailDomains(extra: readonly string[] = []): string[] {
  return [...new Set([...FREE_MAIL_DOMAINS, ...extra].map((d) => d.trim().toLowerCase()))]
    .filter((d) => d !== '')
    .sort();
}
