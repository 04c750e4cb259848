import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { IDENTIFIER_FIELDS } from '../../core/canonical/source-kinds.js';
import { InputError, type Problem } from '../../core/errors.js';
import type { LabelledPair } from '../../core/quality/linkage-errors.js';

const COLUMNS = ['left_type', 'left_value', 'right_type', 'right_value', 'label'] as const;
const TYPES = new Set<string>(IDENTIFIER_FIELDS);

/**
 * The labelled sample of quality.labelled_pairs: a CSV with a header naming the five columns
 * (any order). Bad rows are refused together, each naming file, row and column.
 */
export async function readLabelledPairs(file: string): Promise<LabelledPair[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError([
      {
        code: 'unreadable_file',
        message: `cannot read labelled pairs: ${reason}`,
        location: { file },
      },
    ]);
  }
  const rows: string[][] = parse(text, { bom: true, skip_empty_lines: true, trim: true });
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const problems: Problem[] = [];
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  for (const c of COLUMNS)
    if (at[c] < 0)
      problems.push({
        code: 'missing_column',
        message: `no column ${c}`,
        location: { file, row: 1, column: c },
      });
  if (problems.length) throw new InputError(problems);
  const pairs: LabelledPair[] = [];
  rows.slice(1).forEach((r, i) => {
    const cell = (c: (typeof COLUMNS)[number]) => r[at[c]] ?? '';
    const row = i + 2;
    for (const c of ['left_type', 'right_type'] as const)
      if (!TYPES.has(cell(c)))
        problems.push({
          code: 'invalid_value',
          message: `${cell(c)} is not one of ${[...TYPES].join(', ')}`,
          location: { file, row, column: c },
        });
    const label = cell('label');
    if (label !== 'match' && label !== 'non_match')
      problems.push({
        code: 'invalid_value',
        message: `${label} is neither match nor non_match`,
        location: { file, row, column: 'label' },
      });
    else
      pairs.push({
        leftType: cell('left_type'),
        leftValue: cell('left_value'),
        rightType: cell('right_type'),
        rightValue: cell('right_value'),
        label,
      });
  });
  if (problems.length) throw new InputError(problems);
  return pairs;
}
