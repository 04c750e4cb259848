import { describe, expect, it } from 'vitest';
import {
  costSavings,
  leadCaptureValue,
  retentionValue,
  type ConversationSignals,
} from './conversation-value.js';

const p = {
  agentCostPerTicket: 10,
  leadCloseRate: 0.25,
  averageDealValue: 40_000,
  consumerLeadValue: 45,
  retentionSaveRate: 0.1,
};
const none: ConversationSignals = {
  deflectedTickets: 0,
  newLead: false,
  onAccount: false,
  resolvedComplaint: false,
  customerValue: 0,
};

describe('estimated value of a conversation', () => {
  it('cost savings: 3 deflected tickets × $10 agent cost = $30', () => {
    expect(costSavings({ ...none, deflectedTickets: 3 }, p)).toBe(30);
    expect(costSavings(none, p)).toBe(0);
  });

  it('lead capture: a new lead on an account is close rate × deal value, 0.25 × 40,000 = 10,000', () => {
    expect(leadCaptureValue({ ...none, newLead: true, onAccount: true }, p)).toBe(10_000);
    expect(leadCaptureValue({ ...none, newLead: true }, p)).toBe(45);
    expect(leadCaptureValue({ ...none, onAccount: true }, p)).toBe(0);
  });

  it('retention: a resolved complaint keeps 10 % of a $2,000 customer = $200', () => {
    expect(retentionValue({ ...none, resolvedComplaint: true, customerValue: 2_000 }, p)).toBe(200);
    expect(retentionValue({ ...none, customerValue: 2_000 }, p)).toBe(0);
  });
});
