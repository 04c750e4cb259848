/**
 * The buying role a contact's job title suggests. Rules are tried in order; a rule matches when
 * any of its words appears as a whole word of the title (case, commas, slashes and dashes
 * ignored). SQL renders the same rules (engine/sql/metrics/persona-sql.ts), and a test holds the
 * two equal.
 */
export const PERSONA_RULES: readonly {
  readonly persona: string;
  readonly words: readonly string[];
}[] = [
  {
    persona: 'executive',
    words: [
      'chief',
      'ceo',
      'cto',
      'cfo',
      'cmo',
      'cro',
      'coo',
      'cio',
      'founder',
      'cofounder',
      'owner',
      'president',
      'vp',
      'svp',
      'evp',
      'vice',
    ],
  },
  { persona: 'director', words: ['director', 'head'] },
  { persona: 'manager', words: ['manager', 'lead', 'supervisor'] },
];

/** A title that matches no rule. */
export const INDIVIDUAL_CONTRIBUTOR = 'individual_contributor';
/** No title known. */
export const UNKNOWN_PERSONA = 'unknown';

/** Separators that split a title into words, besides spaces. */
export const TITLE_SEPARATORS = [',', '/', '-', '&', '.', '(', ')'] as const;

export function titleWords(title: string): string[] {
  let text = title.toLowerCase();
  for (const s of TITLE_SEPARATORS) text = text.replaceAll(s, ' ');
  return text.split(' ').filter(Boolean);
}

export function personaOf(title: string | null | undefined): string {
  if (title === null || title === undefined || title.trim() === '') return UNKNOWN_PERSONA;
  const words = new Set(titleWords(title));
  const rule = PERSONA_RULES.find((r) => r.words.some((w) => words.has(w)));
  return rule?.persona ?? INDIVIDUAL_CONTRIBUTOR;
}
