import { ratio } from '../../core/metrics/ratio.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { CHATBOT_CONVERSION_TABLE } from '../../engine/schema/report-tables.js';
import {
  CHATBOT_DIMENSIONS,
  chatbotConversionSql,
  type ChatbotDimension,
} from '../../engine/sql/metrics/chatbot-sql.js';
import type { MetricReport } from './metric-report.js';
import { proportionColumns } from './proportion-columns.js';
import { chosenDimensions, chosenModel } from './report-options.js';
import { compareValues, num, textOrNull } from './row-values.js';
import { allOf, inStoredOrder, modelIs, oneOf } from './stored-filters.js';

const DIMS = Object.keys(CHATBOT_DIMENSIONS) as ChatbotDimension[];

/**
 * Attribution-driven conversion of chatbot conversations by intent and by flow: the share the
 * model credited with revenue, with Wilson intervals, and their revenue per conversation.
 */
export const chatbotConversionReport: MetricReport = {
  name: 'chatbot-conversion',
  description: 'chatbot conversion rate (credited with revenue by the model) by intent and flow',
  table: CHATBOT_CONVERSION_TABLE,
  options: ['model', 'by'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(d, settings, options) {
    const model = chosenModel(settings, options.model);
    const dims = chosenDimensions(options.by, DIMS, DIMS);
    if (!inStoredOrder(dims, DIMS)) return null;
    return allOf(modelIs(d, model), oneOf(d, 'dimension', dims, DIMS));
  },
  async compute(engine, settings, options) {
    const model = chosenModel(settings, options.model);
    const dims = chosenDimensions(options.by, DIMS, DIMS);
    const channels = settings.config.chatbotChannels;
    const rows: Row[] = [];
    for (const dim of dims)
      rows.push(
        ...(await engine.query(
          chatbotConversionSql(engine.dialect, channels, model, dim, options.filter),
        )),
      );
    const out = rows.map((r): Row => {
      const conversations = num(r.conversations);
      const revenue = num(r.revenue);
      return {
        model: String(r.model),
        dimension: String(r.dimension),
        dimension_value: textOrNull(r.dimension_value),
        ...proportionColumns(num(r.converted), conversations, settings.config),
        attributed_revenue: revenue,
        rpc: ratio(revenue, conversations),
      };
    });
    return out.sort(
      (a, b) =>
        compareValues(a.model, b.model) ||
        dims.indexOf(a.dimension as ChatbotDimension) -
          dims.indexOf(b.dimension as ChatbotDimension) ||
        compareValues(a.dimension_value, b.dimension_value),
    );
  },
};
