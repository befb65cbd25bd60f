import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written with migration:create: TypeORM's generator does not see a change of an index's WHERE clause.
// A deleted user's e-mail becomes free for a new login (the index now ignores soft-deleted rows).
export class FreeDeletedUsersEmails1795455475015 implements MigrationInterface {
  name = 'FreeDeletedUsersEmails1795455475015';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."users_email_key"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") WHERE "deleted_at" IS NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."users_email_key"');
    await queryRunner.query('CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")');
  }
}
