import { UserRole } from '@tollgate/db';

/** What a caller may do. Every route needs one; GET needs `read`, other methods `write` unless they say otherwise. */
export enum Permission {
  Read = 'read',
  Write = 'write',
  Billing = 'billing',
  Admin = 'admin',
}

export const ALL_PERMISSIONS = Object.values(Permission);

export const PERMISSIONS_BY_ROLE: Record<UserRole, readonly Permission[]> = {
  [UserRole.Admin]: ALL_PERMISSIONS,
  [UserRole.Billing]: [Permission.Read, Permission.Billing],
  [UserRole.ReadOnly]: [Permission.Read],
};

/**
 * The authenticated caller: a portal user or an integrator's API key, always bound to one tenant; or a
 * scheduled job of the API acting within one tenant (never a request: see `scheduleActor`).
 */
export interface Principal {
  kind: 'user' | 'api_key' | 'schedule';
  id: string;
  tenantId: string;
  /** The tenant's materialised path: every tenant whose path starts with it is in the caller's subtree. */
  tenantPath: string;
  /** Set for end users: they see only this subscriber account. */
  accountId: string | null;
  permissions: readonly Permission[];
}
