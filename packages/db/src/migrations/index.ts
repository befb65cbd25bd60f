import { CreateTenantsAndUsers1795452456466 } from './1795452456466-CreateTenantsAndUsers';
import { CreateOperatorSchema1795453910352 } from './1795453910352-CreateOperatorSchema';

// Every migration, in order. Generated with the TypeORM CLI, reviewed, never edited after landing.
export const migrations = [CreateTenantsAndUsers1795452456466, CreateOperatorSchema1795453910352];
