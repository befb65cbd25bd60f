import { databaseUrl, host, logLevel, nodeEnv, parseEnvironment, port, redisUrl } from '@tollgate/config';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CidrTable } from './rating-catalog/cidr-table';

function isNetwork(range: string): boolean {
  return new CidrTable<true>().add(range, true);
}

/** Comma-separated IPv4/IPv6 networks (CIDR). */
function networkList(defaults: string) {
  return z
    .string()
    .default(defaults)
    .transform((text) =>
      text
        .split(',')
        .map((range) => range.trim())
        .filter((range) => range !== ''),
    )
    .refine((ranges) => ranges.every((range) => isNetwork(range)), {
      error: 'must be comma-separated IPv4/IPv6 networks (e.g. 10.0.0.0/8,::1/128)',
    });
}

const apiEnvironmentSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  API_HOST: host('127.0.0.1'),
  API_PORT: port(3100),
  LOG_LEVEL: logLevel,
  AUTH_SECRET: z
    .string({ error: 'must be set: a random secret of at least 32 characters that signs access tokens' })
    .min(32, { error: 'must be at least 32 characters (e.g. openssl rand -base64 48)' }),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Kamailio's bearer token for /rating/*; unset = the rating API refuses every request. */
  RATING_API_TOKEN: z
    .string()
    .min(32, { error: 'must be at least 32 characters (e.g. openssl rand -hex 24)' })
    .optional(),
  RATING_API_ALLOWED_SOURCES: networkList('127.0.0.1/32,::1/128'),
  /**
   * Peers whose X-Forwarded-For is believed (the portal, a reverse proxy): the client address is then the
   * nearest one they name that is not itself trusted. Anyone else's header is ignored, so it cannot pass
   * RATING_API_ALLOWED_SOURCES or forge the addresses in the audit log. Empty: no header is believed.
   */
  TRUSTED_PROXIES: networkList('127.0.0.1/32,::1/128'),
  RATING_MAX_CALL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(14_400),
  RATING_RESERVATION_TTL_SECONDS: z.coerce.number().int().min(10).max(3_600).default(180),
  /** How long Kamailio waits for a line or an inbound destination to answer. */
  RATING_INBOUND_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(300).default(45),
  /**
   * First segment of the credit pool keys (pools, live calls, call control's command stream and members);
   * call control's and cdr-worker's must be the same. Two platforms can share one Redis with distinct ones.
   */
  CREDIT_POOL_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'letters, digits, _ . - only (at most 64)' })
    .default('tollgate'),
  /** First segment of the BullMQ queues' keys; call control's must be the same. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'letters, digits, _ . - only (at most 64)' })
    .default('tollgate-queues'),
  /** How long a webhook endpoint has to answer, ms. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5_000),
  /** Attempts per webhook delivery before it is marked failed. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
  /** Wait before the first retry; doubled at each retry (10 attempts from 5 s: the last after ~43 min). */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** How long a released DID stays quarantined before it can be reserved or assigned again. */
  DID_QUARANTINE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** Where porting documents are kept on disk: beside npm start's data (src/ and dist/ are three levels down). */
  PORTING_DOCUMENTS_DIR: z
    .string()
    .min(1)
    .default(resolve(__dirname, '..', '..', '..', '.data', 'dev', 'porting-documents'))
    .transform((directory) => resolve(directory)),
  PORTING_DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Kamailio's JSON-RPC, probed by GET /dashboard/status; unset = its status is "unknown". */
  KAMAILIO_RPC_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be the http:// URL of Kamailio's JSON-RPC, e.g. http://127.0.0.1:5071/RPC",
    })
    .optional(),
  /** Where uploaded rate decks wait for their import job (removed after it); relative to the working directory. */
  RATE_DECK_UPLOAD_DIR: z.string().min(1).default('.data/rate-decks'),
  /** Where uploaded CDR files wait for their import job (removed after it); relative to the working directory. */
  CDR_IMPORT_UPLOAD_DIR: z.string().min(1).default('.data/cdr-imports'),
});

export type ApiEnvironment = z.infer<typeof apiEnvironmentSchema>;

export const API_ENVIRONMENT = Symbol('ApiEnvironment');

export function readApiEnvironment(env: NodeJS.ProcessEnv = process.env): ApiEnvironment {
  return parseEnvironment(apiEnvironmentSchema, env);
}
