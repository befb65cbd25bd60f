// `node packages/db/dist/migrate.js [--seed-demo]`: the one-shot migration step of docker compose and deployments.
import { migrateDatabase } from './migrate-database';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('migrate: DATABASE_URL must be set');
  process.exit(1);
}

migrateDatabase(url, { seedDemo: process.argv.includes('--seed-demo') }).then(
  ({ applied, demoOperatorCreated }) => {
    console.log(
      `migrate: ${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}`,
    );
    if (demoOperatorCreated) console.log('migrate: demo operator created');
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`migrate: ${(error as Error).message}`);
    process.exit(1);
  },
);
