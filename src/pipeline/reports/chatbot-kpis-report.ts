import { ratio } from '../../core/metrics/ratio.js';
import { costSavings } from '../../core/metrics/conversation-value.js';
import type { Row } from '../../engine/engine.js';
import { CHATBOT_KPIS_TABLE } from '../../engine/schema/report-tables.js';
import { chatbotFactsSql, chatbotValueSql } from '../../engine/sql/metrics/chatbot-sql.js';
import type { MetricReport } from './metric-report.js';
import { chosenModel, modelsOf } from './report-options.js';
import { num, numOrNull } from './row-values.js';
import { modelIs } from './stored-filters.js';

/**
 * The chatbot's KPIs per model (the chatbot being the conversations on `chatbot_channels`):
 * credited revenue and RPC, qualified leads and their value, support deflection and the agent
 * cost it saved, and CSAT of people who used the chatbot against people who did not.
 */
export const chatbotKpisReport: MetricReport = {
  name: 'chatbot',
  description:
    'chatbot KPIs: attributed revenue, RPC, leads, deflection rate, cost savings, CSAT lift',
  table: CHATBOT_KPIS_TABLE,
  options: ['model'],
  // Tickets carry a day but no segment, channel or conversation type: the deflection figures
  // can follow a date range and nothing else, so the report takes only from and to rather than
  // mixing filtered and whole figures.
  filters: ['from', 'to'],
  materialised: true,
  stored: (d, settings, options) => modelIs(d, chosenModel(settings, options.model)),
  async compute(engine, settings, options) {
    const channels = settings.config.chatbotChannels;
    const model = chosenModel(settings, options.model);
    const d = engine.dialect;
    const [facts] = await engine.query(chatbotFactsSql(d, channels, options.filter));
    const values = await engine.query(chatbotValueSql(d, channels, model, options.filter));
    const deflected = num(facts?.deflected);
    const tickets = num(facts?.tickets);
    const agentCost = settings.values.agentCostPerTicket;
    const withBot = numOrNull(facts?.csat_with);
    const without = numOrNull(facts?.csat_without);
    return modelsOf(settings, model).map((m): Row => {
      const v = values.find((r) => r.model === m);
      const conversations = num(v?.conversations);
      const revenue = num(v?.revenue);
      return {
        model: m,
        chatbot_conversations: conversations,
        attributed_revenue: revenue,
        rpc: ratio(revenue, conversations),
        leads_captured: num(facts?.leads_captured),
        lead_capture_value: num(v?.lead_value),
        tickets,
        deflected_tickets: deflected,
        deflection_rate: ratio(deflected, tickets),
        ticket_agent_cost: agentCost,
        cost_savings: costSavings(
          {
            deflectedTickets: deflected,
            newLead: false,
            onAccount: false,
            resolvedComplaint: false,
            customerValue: 0,
          },
          settings.values,
        ),
        people_rated_with_chatbot: num(facts?.rated_with),
        people_rated_without_chatbot: num(facts?.rated_without),
        csat_with_chatbot: withBot,
        csat_without_chatbot: without,
        csat_lift: withBot === null || without === null ? null : withBot - without,
      };
    });
  },
};
