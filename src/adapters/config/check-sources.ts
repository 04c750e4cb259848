import { fieldsOf } from '../../core/canonical/source-kinds.js';
import type { Problem } from '../../core/errors.js';
import { parseValue } from '../../core/values/parse-value.js';
import { ExpressionError, parseExpression } from '../../core/values/row-expression.js';
import { timestampFormatProblem } from '../../core/values/timestamp-format.js';
import { isTimeZone } from '../../core/values/zoned-time.js';
import { closestMatch } from './closest-match.js';
import { inferFormat } from './infer-format.js';
import type { RawConfig, RawSource } from './raw-config.js';

/**
 * What the JSON Schema cannot say: field names depend on each source's kind, constants must
 * parse as their field's type, names must be unique across sources, and a format must be known.
 */
export function checkSources(config: RawConfig): Problem[] {
  const problems: Problem[] = [];
  const firstIndex = new Map<string, number>();
  config.sources.forEach((source, index) => {
    const where = `sources[${index}]`;
    const earlier = firstIndex.get(source.name);
    if (earlier === undefined) firstIndex.set(source.name, index);
    else {
      problems.push({
        code: 'duplicate_source',
        message: `${where}.name: '${source.name}' is already the name of sources[${earlier}]`,
      });
    }
    problems.push(
      ...checkFormat(source, where),
      ...checkFields(source, where),
      ...checkTimes(source, where),
    );
  });
  return problems;
}

function checkFormat(source: RawSource, where: string): Problem[] {
  const format = source.format ?? inferFormat(source.path);
  if (format === undefined) {
    const message =
      `${where}.path: cannot tell the format of '${source.path}' from its extension ` +
      `(.csv, .tsv, .jsonl, .ndjson, .parquet); set format: csv, jsonl or parquet`;
    return [{ code: 'unknown_format', message }];
  }
  if (source.skip_lines !== undefined && format !== 'csv') {
    const message = `${where}.skip_lines: only csv files have lines before a header; source '${source.name}' is ${format}`;
    return [{ code: 'invalid_value', message }];
  }
  if (source.delimiter !== undefined && format !== 'csv') {
    const message = `${where}.delimiter: only csv files have a delimiter; source '${source.name}' is ${format}`;
    return [{ code: 'invalid_value', message }];
  }
  return [];
}

function checkFields(source: RawSource, where: string): Problem[] {
  const specs = new Map(fieldsOf(source.kind).map((spec) => [spec.name, spec]));
  const valid = [...specs.keys()];
  const problems: Problem[] = [];
  const unknown = (section: string, field: string): Problem => {
    const hint = closestMatch(field, valid);
    const guess = hint === undefined ? '' : ` Did you mean '${hint}'?`;
    return {
      code: 'unknown_field',
      message:
        `${where}.${section}.${field}: source '${source.name}' (kind ${source.kind}) has no field ` +
        `'${field}'.${guess} Valid fields: ${valid.join(', ')}`,
    };
  };
  for (const field of Object.keys(source.mapping ?? {})) {
    if (!specs.has(field)) problems.push(unknown('mapping', field));
  }
  for (const field of Object.keys(source.values ?? {})) {
    if (!specs.has(field)) problems.push(unknown('values', field));
  }
  for (const field of Object.keys(source.derived ?? {})) {
    if (!specs.has(field)) problems.push(unknown('derived', field));
    else if (source.mapping?.[field] !== undefined || source.constants?.[field] !== undefined) {
      const message = `${where}.derived.${field}: field ${field} is also mapped or a constant; keep one`;
      problems.push({ code: 'conflicting_field', message });
    }
  }
  const expressions: [string, string][] = [
    ...(source.where === undefined ? [] : [['where', source.where] as [string, string]]),
    ...Object.entries(source.derived ?? {}).map(([f, e]): [string, string] => [`derived.${f}`, e]),
  ];
  for (const [at, text] of expressions) {
    try {
      parseExpression(text);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const message = `${where}.${at}: source '${source.name}': ${error.message} in: ${text}`;
      problems.push({ code: 'invalid_expression', message });
    }
  }
  for (const [field, value] of Object.entries(source.constants ?? {})) {
    const spec = specs.get(field);
    if (spec === undefined) {
      problems.push(unknown('constants', field));
      continue;
    }
    const mapped = source.mapping?.[field];
    if (mapped !== undefined) {
      const message = `${where}.constants.${field}: field ${field} is also mapped to column '${mapped}'; keep one`;
      problems.push({ code: 'conflicting_field', message });
    }
    const parsed = parseValue(spec, value);
    if (!parsed.ok) {
      const message = `${where}.constants.${field}: ${parsed.message}`;
      problems.push({ code: 'invalid_constant', message });
    }
  }
  return problems;
}

function checkTimes(source: RawSource, where: string): Problem[] {
  const problems: Problem[] = [];
  const format = source.timestamp_format;
  const formatProblem = format === undefined ? null : timestampFormatProblem(format);
  if (formatProblem !== null) {
    const message = `${where}.timestamp_format: source '${source.name}': '${format}' cannot be used: ${formatProblem}`;
    problems.push({ code: 'invalid_value', message });
  }
  const numbers = source.number_format;
  if (numbers !== undefined) {
    const decimal = numbers.decimal ?? '.';
    const thousands = numbers.thousands ?? (decimal === '.' ? ',' : '.');
    if (decimal === thousands) {
      const message = `${where}.number_format.thousands: source '${source.name}': the thousands separator '${thousands}' is also the decimal separator`;
      problems.push({ code: 'invalid_value', message });
    }
  }
  const zone = source.timezone;
  if (zone !== undefined && !isTimeZone(zone)) {
    const hint = closestMatch(zone, Intl.supportedValuesOf('timeZone'));
    const guess = hint === undefined ? '' : ` Did you mean '${hint}'?`;
    const message = `${where}.timezone: source '${source.name}': '${zone}' is not an IANA time zone name (e.g. America/New_York).${guess}`;
    problems.push({ code: 'invalid_value', message });
  }
  return problems;
}
