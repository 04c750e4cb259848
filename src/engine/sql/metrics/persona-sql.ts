import {
  INDIVIDUAL_CONTRIBUTOR,
  PERSONA_RULES,
  TITLE_SEPARATORS,
  UNKNOWN_PERSONA,
} from '../../../core/metrics/persona.js';
import type { Dialect } from '../../dialect.js';

/**
 * A title as its words between spaces: lower case, separators turned to spaces, a space at each
 * end, so that a rule word can be matched as a whole word with LIKE '% word %'.
 */
export function paddedTitleSql(d: Dialect, title: string): string {
  let words = `LOWER(${title})`;
  for (const s of TITLE_SEPARATORS) words = `REPLACE(${words}, ${d.quoteLiteral(s)}, ' ')`;
  return `(' ' || ${words} || ' ')`;
}

/**
 * The SQL form of core/metrics/persona.ts personaOf, over a title and its padded words
 * (paddedTitleSql), computed once per person rather than once per rule word.
 */
export function personaSql(d: Dialect, title: string, padded: string): string {
  const rules = PERSONA_RULES.map(
    (r) =>
      `WHEN ${r.words.map((w) => `${padded} LIKE ${d.quoteLiteral(`% ${w} %`)}`).join(' OR ')} THEN ${d.quoteLiteral(r.persona)}`,
  );
  return `CASE WHEN ${title} IS NULL OR TRIM(${title}) = '' THEN ${d.quoteLiteral(UNKNOWN_PERSONA)} ${rules.join(' ')} ELSE ${d.quoteLiteral(INDIVIDUAL_CONTRIBUTOR)} END`;
}
