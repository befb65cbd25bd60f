import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Entry point for the TypeORM CLI (`pnpm --filter @tollgate/db migration:generate src/migrations/<Name>`).
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to generate or run migrations with the TypeORM CLI');

export default new DataSource(dataSourceOptions(url, 'tollgate-cli'));
