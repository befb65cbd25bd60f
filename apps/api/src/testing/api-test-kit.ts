import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Tenant, TenantKind, TenantSettings, User, UserRole } from '@tollgate/db';
import { createTestDatabase, type TestDatabase } from '@tollgate/db/testing';
import { argon2id, hash } from 'argon2';
import type { DataSource } from 'typeorm';
import { readApiEnvironment } from '../api-environment';
import { createApiApp } from '../create-api-app';

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_AUTH_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
/** Kamailio's token for /rating/* in tests. */
export const TEST_RATING_TOKEN = 'test-rating-token-that-kamailio-would-send';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** The API on a database of its own (copied from the migrated template) and the test Redis. */
export class ApiTestKit {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly dataSource: DataSource,
    private readonly database: TestDatabase,
  ) {}

  static async start(environment: NodeJS.ProcessEnv = {}): Promise<ApiTestKit> {
    const database = await createTestDatabase();
    const app = await createApiApp(
      readApiEnvironment({
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'silent',
        AUTH_SECRET: TEST_AUTH_SECRET,
        RATING_API_TOKEN: TEST_RATING_TOKEN,
        // Queues of its own: another spec file's API must not take this one's jobs.
        QUEUE_PREFIX: `test-queues-${randomUUID()}`,
        ...environment,
      }),
    );
    return new ApiTestKit(app, app.get<DataSource>(getDataSourceToken()), database);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.drop();
  }

  async request<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown; ip?: string } = {},
  ): Promise<ApiResponse<T>> {
    const response = await this.app.inject({
      method,
      url,
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      ...(options.body === undefined ? {} : { payload: options.body as object }),
      ...(options.ip ? { remoteAddress: options.ip } : {}),
    });
    // Files (a rate deck export) come back as text; everything else is JSON.
    const isJson = String(response.headers['content-type'] ?? 'application/json').includes('json');
    const body = response.body
      ? ((isJson ? JSON.parse(response.body) : response.body) as T)
      : (undefined as T);
    return { status: response.statusCode, body, headers: response.headers };
  }

  /** Logs in through the API and returns the access token. */
  async login(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await this.request<{ accessToken: string }>('POST', '/auth/login', {
      body: { email, password },
    });
    if (response.status !== 200)
      throw new Error(`login of ${email} failed: ${JSON.stringify(response.body)}`);
    return response.body.accessToken;
  }

  /** A tenant (owner when `parent` is omitted) with one user of `role`; returns both. */
  async createTenant(
    name: string,
    parent?: Tenant,
    role = UserRole.Admin,
  ): Promise<{ tenant: Tenant; user: User }> {
    const tenants = this.dataSource.getRepository(Tenant);
    const tenant = await tenants.save(
      tenants.create({
        name,
        kind: parent ? TenantKind.Reseller : TenantKind.Owner,
        parentId: parent?.id ?? null,
        path: '/',
      }),
    );
    tenant.path = `${parent?.path ?? '/'}${tenant.id}/`;
    await tenants.save(tenant);
    await this.dataSource.getRepository(TenantSettings).insert({ tenantId: tenant.id });
    // Unique per kit: login rate limits live in the Redis every test file shares.
    const user = await this.createUser(
      tenant,
      role,
      `${slug(name)}-${role}-${randomUUID().slice(0, 8)}@example.test`,
    );
    return { tenant, user };
  }

  async createUser(
    tenant: Pick<Tenant, 'id'>,
    role: UserRole,
    email: string,
    accountId: string | null = null,
  ): Promise<User> {
    const users = this.dataSource.getRepository(User);
    return users.save(
      users.create({
        tenantId: tenant.id,
        email,
        displayName: email,
        role,
        accountId,
        passwordHash: await hash(TEST_PASSWORD, { type: argon2id }),
      }),
    );
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
