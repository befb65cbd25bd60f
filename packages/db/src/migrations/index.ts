import { CreateTenantsAndUsers1795452456466 } from './1795452456466-CreateTenantsAndUsers';
import { CreateOperatorSchema1795453910352 } from './1795453910352-CreateOperatorSchema';
import { FreeDeletedUsersEmails1795455475015 } from './1795455475015-FreeDeletedUsersEmails';
import { AddDidInventory1795456877957 } from './1795456877957-AddDidInventory';
import { AddKamailioViews1795463347026 } from './1795463347026-AddKamailioViews';
import { AddCdrs1796523631852 } from './1796523631852-AddCdrs';
import { AddWebhooks1796523706678 } from './1796523706678-AddWebhooks';
import { AddRateDeckImports1796523721577 } from './1796523721577-AddRateDeckImports';
import { AddPortingRequests1796523841973 } from './1796523841973-AddPortingRequests';
import { AddCdrReratings1796534713529 } from './1796534713529-AddCdrReratings';
import { AddCdrImports1796534714832 } from './1796534714832-AddCdrImports';
import { AddCdrAggregates1796534350171 } from './1796534350171-AddCdrAggregates';
import { AddInvoices1796591453318 } from './1796591453318-AddInvoices';
import { SlimRatesIndexes1796601538852 } from './1796601538852-SlimRatesIndexes';

// Every migration, in order. Generated with the TypeORM CLI, reviewed, never edited after landing.
export const migrations = [
  CreateTenantsAndUsers1795452456466,
  CreateOperatorSchema1795453910352,
  FreeDeletedUsersEmails1795455475015,
  AddDidInventory1795456877957,
  AddKamailioViews1795463347026,
  AddCdrs1796523631852,
  AddWebhooks1796523706678,
  AddRateDeckImports1796523721577,
  AddPortingRequests1796523841973,
  AddCdrAggregates1796534350171,
  AddCdrReratings1796534713529,
  AddCdrImports1796534714832,
  AddInvoices1796591453318,
  SlimRatesIndexes1796601538852,
];
