// @outcrop/gateway/teams: virtual keys, budgets and the usage ledger, for the CLI's `keys` and `usage` commands.
export {
  type BudgetSpec,
  BudgetSpecError,
  formatAmount,
  formatBudgetSpec,
  parseBudgetSpec,
} from './budget-spec.js';
export { DatabaseError, maskUrl } from './db.js';
export { KeyStoreError } from './key-store.js';
export { MIGRATIONS, MigrationError, migrate } from './migrations.js';
export {
  type CreateKeyInput,
  defaultDatabasePath,
  type KeyView,
  openTeamsStore,
  TeamsStore,
} from './teams-store.js';
export type { BudgetRecord, KeyRecord, LedgerRow } from './types.js';
export {
  parseSince,
  reportToCsv,
  USAGE_GROUPS,
  type UsageGroup,
  UsageQueryError,
  type UsageReportRow,
} from './usage-report.js';
