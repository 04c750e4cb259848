import type { StageReport } from '../../pipeline/run-pipeline.js';

const number = new Intl.NumberFormat('en-US');

/**
 * Shows each pipeline stage as it runs on stderr (so stdout stays clean for --format csv|json):
 * a live line on a terminal, one finished line per stage everywhere.
 */
export function stageProgress(stream: NodeJS.WriteStream = process.stderr) {
  return (stage: string, report?: StageReport): void => {
    if (!report) {
      if (stream.isTTY) stream.write(`  ▸ ${stage.padEnd(12)} …`);
      return;
    }
    if (stream.isTTY) stream.write('\r\x1b[2K');
    const seconds = `${(report.ms / 1000).toFixed(2)} s`.padStart(9);
    const rows = `${number.format(report.rows)} rows`.padStart(16);
    stream.write(
      `  ✓ ${stage.padEnd(12)}${seconds}${rows}${report.detail ? `  ${report.detail}` : ''}\n`,
    );
  };
}
