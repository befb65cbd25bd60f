import type { Principal } from '../auth/principal';

/**
 * Whose data a request may touch: the caller's tenant and every reseller below it, or, for an end
 * user, one subscriber account. Built from the principal only, so no caller can widen it.
 */
export class TenantScope {
  private constructor(
    readonly tenantId: string,
    readonly tenantPath: string,
    readonly accountId: string | null,
  ) {}

  static of(principal: Principal): TenantScope {
    return new TenantScope(principal.tenantId, principal.tenantPath, principal.accountId);
  }

  get isEndUser(): boolean {
    return this.accountId !== null;
  }

  /** Whether a tenant (by its path) is the caller's own tenant or below it. */
  includesTenantPath(path: string): boolean {
    return !this.isEndUser && path.startsWith(this.tenantPath);
  }
}
