import { sql, type SqlStatement } from './sql-statement.js';

/** Every registered contract version. */
export function registeredContractsSql(): SqlStatement {
  return sql('SELECT contract_type, version, kind, origin, schema FROM contracts');
}
