import { RateCard } from '@tollgate/db';
import { ParentInScopeGuard } from '../tenancy/parent-in-scope.guard';

export const RateCardInScopeGuard = ParentInScopeGuard(RateCard, 'rate card');
