import { CreateTenantsAndUsers1795452456466 } from './1795452456466-CreateTenantsAndUsers';
import { CreateOperatorSchema1795453910352 } from './1795453910352-CreateOperatorSchema';
import { FreeDeletedUsersEmails1795455475015 } from './1795455475015-FreeDeletedUsersEmails';
import { AddDidInventory1795456877957 } from './1795456877957-AddDidInventory';
import { AddKamailioViews1795463347026 } from './1795463347026-AddKamailioViews';
import { AddRateDeckImports1796523721577 } from './1796523721577-AddRateDeckImports';

// Every migration, in order. Generated with the TypeORM CLI, reviewed, never edited after landing.
export const migrations = [
  CreateTenantsAndUsers1795452456466,
  CreateOperatorSchema1795453910352,
  FreeDeletedUsersEmails1795455475015,
  AddDidInventory1795456877957,
  AddKamailioViews1795463347026,
  AddRateDeckImports1796523721577,
];
