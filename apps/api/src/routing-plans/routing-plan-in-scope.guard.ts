import { RoutingPlan } from '@tollgate/db';
import { ParentInScopeGuard } from '../tenancy/parent-in-scope.guard';

export const RoutingPlanInScopeGuard = ParentInScopeGuard(RoutingPlan, 'routing plan');
