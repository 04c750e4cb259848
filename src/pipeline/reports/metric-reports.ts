import { benchmarksReport } from './benchmarks-report.js';
import { channelRoiReport } from './channel-roi-report.js';
import { chatbotConversionReport } from './chatbot-conversion-report.js';
import { chatbotKpisReport } from './chatbot-kpis-report.js';
import { conversionReport } from './conversion-report.js';
import { economicsReport } from './economics-report.js';
import { funnelReport } from './funnel-report.js';
import type { MetricReport } from './metric-report.js';
import { parametersReport } from './parameters-report.js';
import { pathLengthsReport } from './path-lengths-report.js';
import { topPathsReport } from './paths-report.js';
import { rpcDailyReport } from './rpc-daily-report.js';
import { rpcReport } from './rpc-report.js';
import { rpcTrendReport } from './rpc-trend-report.js';
import { rpcWaterfallReport } from './rpc-waterfall-report.js';
import { sankeyReport } from './sankey-report.js';
import { sendHourReport } from './send-hour-report.js';
import { speedToLeadReport } from './speed-to-lead-report.js';
import { timeToConversionReport } from './time-to-conversion-report.js';
import { whatIfReport } from './what-if-report.js';

/** Every metric report, in the order help lists them and the metrics stage writes them. */
export const METRIC_REPORTS: readonly MetricReport[] = [
  rpcReport,
  rpcWaterfallReport,
  rpcDailyReport,
  rpcTrendReport,
  economicsReport,
  conversionReport,
  funnelReport,
  speedToLeadReport,
  sendHourReport,
  channelRoiReport,
  chatbotKpisReport,
  chatbotConversionReport,
  topPathsReport,
  pathLengthsReport,
  timeToConversionReport,
  sankeyReport,
  benchmarksReport,
  whatIfReport,
  parametersReport,
];
