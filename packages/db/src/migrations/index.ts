import { CreateTenantsAndUsers1795452456466 } from './1795452456466-CreateTenantsAndUsers';

// Every migration, in order. Generated with the TypeORM CLI, reviewed, never edited after landing.
export const migrations = [CreateTenantsAndUsers1795452456466];
