import { Command } from 'commander';
import { registerDemo } from './commands/demo-command.js';
import { registerExplain } from './commands/explain-command.js';
import { registerGenerate } from './commands/generate-command.js';
import { registerReport } from './commands/report-command.js';
import { registerRun } from './commands/run-command.js';
import { handleError } from './handle-error.js';
import { VERSION } from './version.js';

const program = new Command('convrev')
  .description('Connect conversations to revenue: load, stitch identities, attribute, report.')
  .version(VERSION)
  .exitOverride()
  .showHelpAfterError('(run convrev --help for usage)');

registerDemo(program);
registerGenerate(program);
registerRun(program);
registerReport(program);
registerExplain(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = handleError(error);
}
