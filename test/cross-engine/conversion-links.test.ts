import { crossEngineSuite } from '../support/cross-engine-suite.js';
import { linkScenario } from '../support/link-scenario.js';
import { postgresUrlForTests } from '../support/postgres-test-server.js';

const url = postgresUrlForTests('cross-engine conversion links');

// Orders and an opportunity linked to conversations by correlation id, session id and booking
// reference (and one key that matches nothing): every table and report alike on both engines.
crossEngineSuite('direct links by key', url, () => linkScenario());
