import { argon2id, hash } from 'argon2';
import { User, UserRole } from '../entities';
import type { DemoContext, DemoTenant } from './context';
import { DEMO_OPERATOR } from './credentials';

interface DemoUser {
  tenant: DemoTenant;
  email: string;
  displayName: string;
  role: UserRole;
}

/** Portal logins: the dashboard's "2 administrators" of the owner, and the reseller's own admin. */
export const DEMO_USERS: DemoUser[] = [
  { tenant: 'owner', email: DEMO_OPERATOR.ownerEmail, displayName: 'Demo Owner', role: UserRole.Admin },
  { tenant: 'owner', email: DEMO_OPERATOR.nocEmail, displayName: 'NOC Engineer', role: UserRole.Admin },
  {
    tenant: 'reseller',
    email: DEMO_OPERATOR.resellerEmail,
    displayName: 'Reseller Admin',
    role: UserRole.Admin,
  },
];

/**
 * Every demo login gets the same public demo password, hashed like any other (argon2id, a salt each).
 * The hashes are computed in parallel: each takes about a second.
 */
export async function insertUsers(context: DemoContext): Promise<void> {
  const hashes = await Promise.all(
    DEMO_USERS.map(() => hash(DEMO_OPERATOR.ownerPassword, { type: argon2id })),
  );
  for (const [index, user] of DEMO_USERS.entries()) {
    const row = await context.manager.getRepository(User).save(
      context.manager.create(User, {
        tenantId: context.tenants[user.tenant].id,
        email: user.email,
        displayName: user.displayName,
        passwordHash: hashes[index]!,
        role: user.role,
      }),
    );
    context.ids.set('user', user.email, row.id);
  }
}
