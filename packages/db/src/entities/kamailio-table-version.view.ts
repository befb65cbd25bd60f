import { ViewColumn, ViewEntity } from 'typeorm';

/**
 * Kamailio's permissions module checks the version of the table it reads before loading it; this view
 * answers for kamailio_trunk_addresses (Kamailio 5.6's address table is version 6) instead of a table of
 * Kamailio's own schema. The cfg names it with `version_table`.
 */
@ViewEntity({
  name: 'kamailio_table_versions',
  expression: `SELECT 'kamailio_trunk_addresses'::varchar AS table_name, 6 AS table_version`,
})
export class KamailioTableVersion {
  @ViewColumn({ name: 'table_name' })
  tableName!: string;

  @ViewColumn({ name: 'table_version' })
  tableVersion!: number;
}
