import { argon2id, hash } from 'argon2';
import type { DataSource } from 'typeorm';
import { Tenant, TenantKind, TenantSettings, User, UserRole } from './entities';

/** The demo operator `npm start` creates, so a newcomer can log in at once. Never used in production. */
export const DEMO_OPERATOR = {
  name: 'Demo Telecom',
  ownerEmail: 'owner@demo.tollgate.test',
  ownerPassword: 'demo-owner-password',
} as const;

/**
 * Creates the demo owner tenant and its admin login unless they exist. Idempotent: keyed by the
 * owner's e-mail, so a second start neither duplicates them nor resets a changed password.
 */
export async function seedDemoOperator(dataSource: DataSource): Promise<{ created: boolean }> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.findOneBy(User, { email: DEMO_OPERATOR.ownerEmail });
    if (existing) return { created: false };
    const tenants = manager.getRepository(Tenant);
    const owner = await tenants.save(
      tenants.create({ kind: TenantKind.Owner, name: DEMO_OPERATOR.name, parentId: null, path: '/' }),
    );
    owner.path = `/${owner.id}/`;
    await tenants.save(owner);
    await manager
      .getRepository(TenantSettings)
      .insert({ tenantId: owner.id, defaultCurrency: 'EUR', brandName: DEMO_OPERATOR.name });
    await manager.save(
      manager.create(User, {
        tenantId: owner.id,
        email: DEMO_OPERATOR.ownerEmail,
        displayName: 'Demo Owner',
        passwordHash: await hash(DEMO_OPERATOR.ownerPassword, { type: argon2id }),
        role: UserRole.Admin,
      }),
    );
    return { created: true };
  });
}
