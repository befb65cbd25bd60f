import { Account } from '@tollgate/db';
import { ParentInScopeGuard } from '../tenancy/parent-in-scope.guard';

/** 404 for an account outside the caller's scope (an end user's own only) before the query is validated. */
export const AccountInScopeGuard = ParentInScopeGuard(Account, 'account', 'id');
