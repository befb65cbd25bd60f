import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { seedDemoOperator } from './demo-operator';

export interface MigrationOutcome {
  applied: string[];
  demoOperatorCreated: boolean;
}

/** Applies pending migrations and, with `seedDemo`, makes sure the demo operator exists. */
export async function migrateDatabase(
  url: string,
  options: { seedDemo: boolean },
): Promise<MigrationOutcome> {
  const dataSource = await new DataSource(dataSourceOptions(url, 'tollgate-migrate')).initialize();
  try {
    const applied = (await dataSource.runMigrations()).map((migration) => migration.name);
    const demoOperatorCreated = options.seedDemo ? (await seedDemoOperator(dataSource)).created : false;
    return { applied, demoOperatorCreated };
  } finally {
    await dataSource.destroy();
  }
}
