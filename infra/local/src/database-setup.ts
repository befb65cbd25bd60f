import { migrateDatabase as migrate } from '@tollgate/db';

/** Applies pending migrations and, unless `seed` is false, makes sure the demo operator exists. */
export async function migrateDatabase(url: string, { seed }: { seed: boolean }): Promise<void> {
  const { applied, demoOperatorCreated } = await migrate(url, { seedDemo: seed });
  if (applied.length > 0) console.log(`› applied ${applied.length} migration(s): ${applied.join(', ')}`);
  if (seed)
    console.log(demoOperatorCreated ? '› created the demo operator' : '› demo operator already present');
}
