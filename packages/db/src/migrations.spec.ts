import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSourceOptions } from './data-source-options';
import { DEMO_OPERATOR, seedDemoOperator } from './demo-operator';
import { Tenant, TenantKind, User, UserRole } from './entities';
import { createTestDatabase, type TestDatabase } from './testing';

describe('migrations and the demo seed on a blank database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await new DataSource(dataSourceOptions(database.url, 'db-test')).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('applies every migration and leaves the schema in step with the entities', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBe(dataSource.migrations.length);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seeds the demo operator once, however often it runs', async () => {
    expect(await seedDemoOperator(dataSource)).toEqual({ created: true });
    expect(await seedDemoOperator(dataSource)).toEqual({ created: false });

    const owners = await dataSource.getRepository(Tenant).findBy({ kind: TenantKind.Owner });
    expect(owners).toHaveLength(1);
    expect(owners[0]!.path).toBe(`/${owners[0]!.id}/`);
    const users = await dataSource.getRepository(User).find();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      email: DEMO_OPERATOR.ownerEmail,
      role: UserRole.Admin,
      tenantId: owners[0]!.id,
    });
    expect(users[0]!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('reverts every migration cleanly', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);
  });
});
