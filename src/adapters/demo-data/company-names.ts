import { COMPANY_FIRST, COMPANY_SECOND, COMPANY_SUFFIX } from './name-catalog.js';
import { slug } from './identity-factory.js';

const COMBOS = COMPANY_FIRST.length * COMPANY_SECOND.length;
// Coprime with COMBOS (600), so consecutive accounts walk all word pairs in a scattered order.
const STRIDE = 247;

/**
 * The name and web domain of the n-th account (from 0). Domains are unique by construction: the
 * n-th account takes word pair (n·stride mod 600), and after every 600 accounts a number is added.
 */
export function companyOf(
  n: number,
  salt: number,
  suffixPick: number,
): { name: string; domain: string } {
  const pair = (n * STRIDE + salt) % COMBOS;
  const round = Math.floor(n / COMBOS);
  const first = COMPANY_FIRST[pair % COMPANY_FIRST.length] ?? 'Blue';
  const second = COMPANY_SECOND[Math.floor(pair / COMPANY_FIRST.length)] ?? 'Labs';
  const suffix = COMPANY_SUFFIX[suffixPick % COMPANY_SUFFIX.length] ?? 'Inc';
  // Some CRMs keep the comma before the legal form; CSV writers must quote it.
  const name =
    suffixPick % 3 === 0 ? `${first} ${second}, ${suffix}` : `${first} ${second} ${suffix}`;
  const domain = `${slug(first)}${slug(second)}${round === 0 ? '' : String(round + 1)}.example`;
  return { name, domain };
}
