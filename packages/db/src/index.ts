export * from './entities';
export { dataSourceOptions } from './data-source-options';
export { migrations } from './migrations';
export { DEMO_OPERATOR, seedDemoOperator } from './demo-operator';
export { migrateDatabase, type MigrationOutcome } from './migrate-database';
export { decimalColumn, decimalTransformer, moneyColumn, rateColumn } from './decimal-column';
