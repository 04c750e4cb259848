import { isPseudonym } from '../identity/pseudonym.js';
import type { IdentityMatchingConfig } from '../config/config.js';
import type { FieldComparison } from './comparison-level.js';
import type { MatchConfig } from './match-records.js';

/**
 * What the pipeline knows of a person it may match probabilistically: the names and company of
 * a CRM contact or of a lead typed into a form or chat, and the person's smallest email and phone.
 * Values are already normalised (names lower-cased and trimmed).
 */
export interface PersonProfile {
  readonly [field: string]: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly company: string | null;
  readonly crm_contact_id: string | null;
  readonly user_id: string | null;
}

const name = (field: string): FieldComparison => ({
  field,
  termFrequency: true,
  levels: [
    { kind: 'null' },
    { kind: 'exact' },
    { kind: 'jaro_winkler', threshold: 0.92 },
    { kind: 'jaro_winkler', threshold: 0.8 },
    { kind: 'else' },
  ],
});

/**
 * The comparisons of person profiles. Two persons never share an email or phone exactly (one
 * identifier would have joined them), so the email ladder is about typos: one or two edits, then
 * a similar address. Levels come from how people mistype, not from fitted data.
 */
export const PROFILE_COMPARISONS: readonly FieldComparison[] = [
  name('first_name'),
  name('last_name'),
  {
    field: 'email',
    levels: [
      { kind: 'null' },
      { kind: 'exact' },
      { kind: 'levenshtein', max: 2 },
      { kind: 'jaro_winkler', threshold: 0.9 },
      { kind: 'else' },
    ],
  },
  {
    field: 'phone',
    levels: [
      { kind: 'null' },
      { kind: 'exact' },
      { kind: 'levenshtein', max: 1 },
      { kind: 'else' },
    ],
  },
  {
    field: 'company',
    termFrequency: true,
    levels: [
      { kind: 'null' },
      { kind: 'exact' },
      { kind: 'jaro_winkler', threshold: 0.9 },
      { kind: 'else' },
    ],
  },
];

// A hashed email (privacy.hash_pii) has no local part or domain to block on, and a hashed name
// no initial: its blocks would hold everyone, as every hash starts alike.
const local = (email: string | null) =>
  email === null || isPseudonym(email) ? null : (email.split('@')[0] ?? null);
const domain = (email: string | null) => email?.split('@')[1] ?? null;
const initial = (first: string) => (isPseudonym(first) ? first : first[0]!);

/** The Fellegi–Sunter configuration of person profiles at the config's thresholds. */
export function profileMatchConfig(config: IdentityMatchingConfig): MatchConfig<PersonProfile> {
  return {
    comparisons: PROFILE_COMPARISONS,
    blocking: [
      {
        name: 'last name and first initial',
        key: (r) =>
          r.last_name && r.first_name ? `${r.last_name}|${initial(r.first_name)}` : null,
        fields: ['last_name'],
      },
      { name: 'phone', key: (r) => r.phone, fields: ['phone'] },
      {
        name: 'email domain and local prefix',
        key: (r) => {
          const l = local(r.email);
          return l && l.length >= 3 ? `${domain(r.email) ?? ''}|${l.slice(0, 3)}` : null;
        },
      },
      {
        name: 'email local part',
        key: (r) => {
          const l = local(r.email);
          return l && l.length >= 4 ? l : null;
        },
      },
    ],
    threshold: config.threshold,
    cannotLinkBelow: config.cannotLinkBelow,
    uniqueFields: [
      { field: 'crm_contact_id', allowAbove: config.duplicateThreshold },
      // Two logins are two people, however alike they look.
      { field: 'user_id', allowAbove: 2 },
    ],
    maxBlockSize: config.maxBlockSize,
    maxPairs: config.maxCandidatePairs,
    uPairs: config.uPairs,
    seed: config.seed,
  };
}
