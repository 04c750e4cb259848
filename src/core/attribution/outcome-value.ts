import { attributionProblem, throwIfProblems } from './attribution-error.js';

/**
 * Expected revenue of leads that have not closed yet: leads × close rate × average deal value.
 * The close rate and deal value are measured over the sales cycle the definition names (30 to 90
 * days); this function only multiplies.
 */
export function leadValue(input: {
  readonly leads: number;
  readonly closeRate: number;
  readonly averageDealValue: number;
}): number {
  const { leads, closeRate, averageDealValue } = input;
  throwIfProblems(
    [
      nonNegative(leads, 'leads'),
      Number.isFinite(closeRate) && closeRate >= 0 && closeRate <= 1
        ? null
        : attributionProblem('value.close_rate', 'must be between 0 and 1', 'closeRate'),
      nonNegative(averageDealValue, 'averageDealValue'),
    ].filter((p) => p !== null),
  );
  return leads * closeRate * averageDealValue;
}

/** What deflected tickets earn: the support cost they saved, tickets × cost of handling one. */
export function deflectedTicketValue(input: {
  readonly deflectedTickets: number;
  readonly costPerTicket: number;
}): number {
  throwIfProblems(
    [
      nonNegative(input.deflectedTickets, 'deflectedTickets'),
      nonNegative(input.costPerTicket, 'costPerTicket'),
    ].filter((p) => p !== null),
  );
  return input.deflectedTickets * input.costPerTicket;
}

function nonNegative(x: number, field: string) {
  return Number.isFinite(x) && x >= 0
    ? null
    : attributionProblem('value.negative', `must be a finite number ≥ 0, not ${x}`, field);
}
