import { Command } from 'commander';
import { registerContracts } from './commands/contracts-command.js';
import { registerDeadLetters } from './commands/deadletters-command.js';
import { registerDemo } from './commands/demo-command.js';
import { registerExplain } from './commands/explain-command.js';
import { registerExport } from './commands/export-command.js';
import { registerGenerate } from './commands/generate-command.js';
import { registerIdentity } from './commands/identity-command.js';
import { registerIngest } from './commands/ingest-command.js';
import { registerKeys } from './commands/keys-command.js';
import { registerReport } from './commands/report-command.js';
import { registerErase } from './commands/erase-command.js';
import { registerQuality } from './commands/quality-command.js';
import { registerRetention } from './commands/retention-command.js';
import { registerRun } from './commands/run-command.js';
import { registerServe } from './commands/serve-command.js';
import { registerCollect } from './commands/collect-command.js';
import { registerConsume } from './commands/consume-command.js';
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
registerIdentity(program);
registerExport(program);
registerIngest(program);
registerContracts(program);
registerDeadLetters(program);
registerKeys(program);
registerServe(program);
registerCollect(program);
registerConsume(program);
registerQuality(program);
registerErase(program);
registerRetention(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = handleError(error);
}
