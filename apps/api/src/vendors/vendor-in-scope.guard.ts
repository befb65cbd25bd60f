import { Vendor } from '@tollgate/db';
import { ParentInScopeGuard } from '../tenancy/parent-in-scope.guard';

export const VendorInScopeGuard = ParentInScopeGuard(Vendor, 'vendor');
