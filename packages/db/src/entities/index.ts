import { Tenant } from './tenant.entity';
import { User } from './user.entity';

export { Tenant, TenantKind } from './tenant.entity';
export { User, UserRole } from './user.entity';

export const entities = [Tenant, User];
