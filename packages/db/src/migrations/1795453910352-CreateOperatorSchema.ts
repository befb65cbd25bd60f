import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOperatorSchema1795453910352 implements MigrationInterface {
  name = 'CreateOperatorSchema1795453910352';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."rate_card_kind" AS ENUM('sell', 'buy')
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_cards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" "public"."rate_card_kind" NOT NULL,
                "currency" character(3) NOT NULL,
                "timezone" text NOT NULL DEFAULT 'UTC',
                "description" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "rate_cards_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "PK_54c4a5c4872b2339d848e5d9eb5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_cards_tenant_id_idx" ON "rate_cards" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rate_cards_tenant_id_name_key" ON "rate_cards" ("tenant_id", "name")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."routing_plan_strategy" AS ENUM('lcr', 'mcr', 'priority', 'weighted')
        `);
    await queryRunner.query(`
            CREATE TABLE "routing_plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "strategy" "public"."routing_plan_strategy" NOT NULL,
                "margin_guard_percent" numeric(7, 4),
                "margin_guard_amount" numeric(20, 8),
                "allow_loss" boolean NOT NULL DEFAULT false,
                "max_vendors" integer NOT NULL DEFAULT '3',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "routing_plans_max_vendors_check" CHECK ("max_vendors" > 0),
                CONSTRAINT "routing_plans_margin_guard_check" CHECK (
                    "margin_guard_percent" >= 0
                    AND "margin_guard_amount" >= 0
                ),
                CONSTRAINT "PK_e0489d17bdca296ab84a9c626a4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "routing_plans_tenant_id_idx" ON "routing_plans" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "routing_plans_tenant_id_name_key" ON "routing_plans" ("tenant_id", "name")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."recurring_period" AS ENUM('monthly', 'weekly', 'daily')
        `);
    await queryRunner.query(`
            CREATE TABLE "service_plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "sell_rate_card_id" uuid NOT NULL,
                "routing_plan_id" uuid,
                "recurring_fee" numeric(20, 6) NOT NULL DEFAULT '0',
                "recurring_period" "public"."recurring_period" NOT NULL DEFAULT 'monthly',
                "included_minutes" integer NOT NULL DEFAULT '0',
                "max_channels" integer,
                "currency" character(3) NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "service_plans_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "service_plans_max_channels_check" CHECK ("max_channels" >= 0),
                CONSTRAINT "service_plans_included_minutes_check" CHECK ("included_minutes" >= 0),
                CONSTRAINT "service_plans_recurring_fee_check" CHECK ("recurring_fee" >= 0),
                CONSTRAINT "PK_679a9e435f1af95a94d9749a087" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "service_plans_tenant_id_idx" ON "service_plans" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "service_plans_tenant_id_name_key" ON "service_plans" ("tenant_id", "name")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."account_billing_type" AS ENUM('prepaid', 'postpaid')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."account_status" AS ENUM('active', 'suspended', 'closed')
        `);
    await queryRunner.query(`
            CREATE TABLE "accounts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "email" text,
                "billing_type" "public"."account_billing_type" NOT NULL,
                "credit_limit" numeric(20, 6) NOT NULL DEFAULT '0',
                "currency" character(3) NOT NULL,
                "timezone" text NOT NULL DEFAULT 'UTC',
                "status" "public"."account_status" NOT NULL DEFAULT 'active',
                "max_channels" integer,
                "max_inbound_channels" integer,
                "max_outbound_channels" integer,
                "service_plan_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "accounts_channels_check" CHECK (
                    "max_channels" >= 0
                    AND "max_inbound_channels" >= 0
                    AND "max_outbound_channels" >= 0
                ),
                CONSTRAINT "accounts_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "accounts_credit_limit_check" CHECK ("credit_limit" >= 0),
                CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "accounts_tenant_id_idx" ON "accounts" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "accounts_tenant_id_code_key" ON "accounts" ("tenant_id", "code")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "prefix" text NOT NULL,
                "secret_hash" text NOT NULL,
                "permissions" text array NOT NULL DEFAULT '{}',
                "created_by_user_id" uuid,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "api_keys_secret_hash_check" CHECK ("secret_hash" ~ '^[0-9a-f]{64}$'),
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" ("prefix")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "actor_user_id" uuid,
                "actor_api_key_id" uuid,
                "action" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" text NOT NULL,
                "changes" jsonb,
                "ip" inet,
                "user_agent" text,
                "request_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log" ("entity_type", "entity_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_tenant_id_created_at_idx" ON "audit_log" ("tenant_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "balances" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid,
                "reseller_tenant_id" uuid,
                "amount" numeric(20, 6) NOT NULL DEFAULT '0',
                "currency" character(3) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "balances_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "balances_party_check" CHECK (
                    num_nonnulls("account_id", "reseller_tenant_id") = 1
                ),
                CONSTRAINT "PK_74904758e813e401abc3d4261c2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "balances_tenant_id_idx" ON "balances" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "balances_account_id_key" ON "balances" ("account_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "balances_reseller_tenant_id_key" ON "balances" ("reseller_tenant_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "banned_ips" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "cidr" cidr NOT NULL,
                "reason" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "created_by_user_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bc3ad70d78bc4ca066310b663e4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "banned_ips_tenant_id_cidr_key" ON "banned_ips" ("tenant_id", "cidr")
        `);
    await queryRunner.query(`
            CREATE TABLE "domains" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "enabled" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "domains_name_check" CHECK ("name" = lower("name")),
                CONSTRAINT "PK_05a6b087662191c2ea7f7ddfc4d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "domains_tenant_id_idx" ON "domains" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "domains_name_key" ON "domains" ("name")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "holidays" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "date" date NOT NULL,
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3646bdd4c3817d954d830881dfe" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "holidays_tenant_id_date_key" ON "holidays" ("tenant_id", "date")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."ledger_entry_kind" AS ENUM(
                'top_up',
                'call_charge',
                'recurring_fee',
                'did_fee',
                'adjustment',
                'refund',
                'invoice_payment'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "ledger_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid,
                "reseller_tenant_id" uuid,
                "kind" "public"."ledger_entry_kind" NOT NULL,
                "amount" numeric(20, 6) NOT NULL,
                "currency" character(3) NOT NULL,
                "idempotency_key" text NOT NULL,
                "description" text,
                "reference" text,
                "created_by_user_id" uuid,
                "created_by_api_key_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ledger_entries_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "ledger_entries_party_check" CHECK (
                    num_nonnulls("account_id", "reseller_tenant_id") = 1
                ),
                CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_entries_tenant_id_idx" ON "ledger_entries" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ledger_entries_idempotency_key_key" ON "ledger_entries" ("idempotency_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_entries_reseller_tenant_id_created_at_idx" ON "ledger_entries" ("reseller_tenant_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ledger_entries_account_id_created_at_idx" ON "ledger_entries" ("account_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."line_status" AS ENUM('active', 'disabled')
        `);
    await queryRunner.query(`
            CREATE TABLE "lines" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "domain_id" uuid NOT NULL,
                "username" text NOT NULL,
                "ha1" text NOT NULL,
                "ha1b" text NOT NULL,
                "caller_id_name" text,
                "caller_id_number" text,
                "max_channels" integer,
                "status" "public"."line_status" NOT NULL DEFAULT 'active',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "lines_max_channels_check" CHECK ("max_channels" >= 0),
                CONSTRAINT "lines_ha1_check" CHECK (
                    "ha1" ~ '^[0-9a-f]{32}$'
                    AND "ha1b" ~ '^[0-9a-f]{32}$'
                ),
                CONSTRAINT "PK_155ad34738bc0e1aab0ca198dea" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "lines_tenant_id_idx" ON "lines" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "lines_account_id_idx" ON "lines" ("account_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "lines_domain_username_key" ON "lines" ("domain_id", "username")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."period_holidays" AS ENUM('yes', 'no', 'only')
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_periods" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "rate_card_id" uuid NOT NULL,
                "name" text NOT NULL,
                "position" integer NOT NULL DEFAULT '0',
                "weekdays" smallint array NOT NULL DEFAULT '{}',
                "start_time" TIME,
                "end_time" TIME,
                "applies_on_holidays" "public"."period_holidays" NOT NULL DEFAULT 'yes',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "rate_periods_window_check" CHECK (
                    (
                        "start_time" IS NULL
                        AND "end_time" IS NULL
                    )
                    OR (
                        "start_time" IS NOT NULL
                        AND "end_time" IS NOT NULL
                        AND "start_time" <> "end_time"
                        AND "start_time" < '24:00'
                    )
                ),
                CONSTRAINT "rate_periods_weekdays_check" CHECK ("weekdays" <@ '{1,2,3,4,5,6,7}'::smallint []),
                CONSTRAINT "PK_f445bedabf0bed68a2199a1c698" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_periods_tenant_id_idx" ON "rate_periods" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rate_periods_rate_card_id_name_key" ON "rate_periods" ("rate_card_id", "name")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rounding_mode" AS ENUM('up', 'half_up', 'half_even', 'down')
        `);
    await queryRunner.query(`
            CREATE TABLE "rates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "rate_card_id" uuid NOT NULL,
                "period_id" uuid,
                "prefix" text COLLATE "C" NOT NULL,
                "destination" text,
                "price_per_minute" numeric(20, 8) NOT NULL,
                "connect_fee" numeric(20, 8) NOT NULL DEFAULT '0',
                "first_interval" integer NOT NULL,
                "next_interval" integer NOT NULL,
                "min_charge" numeric(20, 6) NOT NULL DEFAULT '0',
                "free_seconds" integer NOT NULL DEFAULT '0',
                "no_charge_below_seconds" integer NOT NULL DEFAULT '0',
                "rounding_mode" "public"."rounding_mode" NOT NULL,
                "rounding_decimals" smallint NOT NULL,
                "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "effective_to" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "rates_effective_check" CHECK ("effective_to" > "effective_from"),
                CONSTRAINT "rates_rounding_decimals_check" CHECK (
                    "rounding_decimals" BETWEEN 0 AND 6
                ),
                CONSTRAINT "rates_seconds_check" CHECK (
                    "free_seconds" >= 0
                    AND "no_charge_below_seconds" >= 0
                ),
                CONSTRAINT "rates_intervals_check" CHECK (
                    "first_interval" > 0
                    AND "next_interval" > 0
                ),
                CONSTRAINT "rates_prices_check" CHECK (
                    "price_per_minute" >= 0
                    AND "connect_fee" >= 0
                    AND "min_charge" >= 0
                ),
                CONSTRAINT "rates_prefix_check" CHECK ("prefix" ~ '^[0-9]{0,15}$'),
                CONSTRAINT "PK_2c804ed4019b80ce48eedba5cec" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rates_tenant_id_idx" ON "rates" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rates_rate_card_id_period_id_prefix_effective_from_key" ON "rates" (
                "rate_card_id",
                "period_id",
                "prefix",
                "effective_from"
            )
            WHERE "period_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "rates_rate_card_id_prefix_effective_from_key" ON "rates" ("rate_card_id", "prefix", "effective_from")
            WHERE "period_id" IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "rates_rate_card_id_prefix_idx" ON "rates" ("rate_card_id", "prefix")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."routing_plan_prefix_strategy" AS ENUM('lcr', 'mcr', 'priority', 'weighted')
        `);
    await queryRunner.query(`
            CREATE TABLE "routing_plan_prefixes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "routing_plan_id" uuid NOT NULL,
                "prefix" text COLLATE "C" NOT NULL,
                "strategy" "public"."routing_plan_prefix_strategy",
                "blocked" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "routing_plan_prefixes_prefix_check" CHECK ("prefix" ~ '^[0-9]{1,15}$'),
                CONSTRAINT "PK_ca42be2da52e50ffb083985b3cd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "routing_plan_prefixes_tenant_id_idx" ON "routing_plan_prefixes" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "routing_plan_prefixes_routing_plan_id_prefix_key" ON "routing_plan_prefixes" ("routing_plan_id", "prefix")
        `);
    await queryRunner.query(`
            CREATE TABLE "vendors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "currency" character(3) NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "buy_rate_card_id" uuid,
                "priority" integer NOT NULL DEFAULT '0',
                "weight" integer NOT NULL DEFAULT '1',
                "quality_score" numeric(5, 2),
                "blocked_prefixes" text array NOT NULL DEFAULT '{}',
                "notes" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "vendors_blocked_prefixes_check" CHECK (
                    array_to_string("blocked_prefixes", ',') ~ '^([0-9]+(,[0-9]+)*)?$'
                ),
                CONSTRAINT "vendors_quality_score_check" CHECK ("quality_score" >= 0),
                CONSTRAINT "vendors_weight_check" CHECK ("weight" >= 0),
                CONSTRAINT "vendors_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "PK_9c956c9797edfae5c6ddacc4e6e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "vendors_tenant_id_idx" ON "vendors" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "vendors_tenant_id_name_key" ON "vendors" ("tenant_id", "name")
            WHERE "deleted_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "routing_plan_vendors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "routing_plan_id" uuid NOT NULL,
                "prefix" text COLLATE "C" NOT NULL DEFAULT '',
                "vendor_id" uuid NOT NULL,
                "priority" integer,
                "weight" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "routing_plan_vendors_weight_check" CHECK ("weight" >= 0),
                CONSTRAINT "routing_plan_vendors_prefix_check" CHECK ("prefix" ~ '^[0-9]{0,15}$'),
                CONSTRAINT "PK_46e11a747756435387c37aaaa08" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "routing_plan_vendors_tenant_id_idx" ON "routing_plan_vendors" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "routing_plan_vendors_vendor_id_idx" ON "routing_plan_vendors" ("vendor_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "routing_plan_vendors_routing_plan_id_prefix_vendor_id_key" ON "routing_plan_vendors" ("routing_plan_id", "prefix", "vendor_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."service_template_kind" AS ENUM('subscriber_line', 'sip_trunk', 'hosted_pbx')
        `);
    await queryRunner.query(`
            CREATE TABLE "service_templates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "name" text NOT NULL,
                "kind" "public"."service_template_kind" NOT NULL,
                "description" text,
                "max_channels" integer,
                "service_plan_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "service_templates_max_channels_check" CHECK ("max_channels" >= 0),
                CONSTRAINT "PK_97bdd13baebd4bd3723aa0d3076" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "service_templates_tenant_id_name_key" ON "service_templates" ("tenant_id", "name")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."service_kind" AS ENUM('subscriber_line', 'sip_trunk', 'hosted_pbx')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."service_status" AS ENUM('active', 'suspended', 'terminated')
        `);
    await queryRunner.query(`
            CREATE TABLE "services" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "template_id" uuid,
                "kind" "public"."service_kind" NOT NULL,
                "status" "public"."service_status" NOT NULL DEFAULT 'active',
                "name" text NOT NULL,
                "allowed_source_ips" cidr array NOT NULL DEFAULT '{}',
                "tech_prefix" text,
                "max_channels" integer,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "services_ended_at_check" CHECK ("ended_at" >= "started_at"),
                CONSTRAINT "services_max_channels_check" CHECK ("max_channels" >= 0),
                CONSTRAINT "PK_ba2d347a3168a296416c6c5ccb2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "services_tenant_id_idx" ON "services" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "services_account_id_idx" ON "services" ("account_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."tenant_settings_billing_type" AS ENUM('prepaid', 'postpaid')
        `);
    await queryRunner.query(`
            CREATE TABLE "tenant_settings" (
                "tenant_id" uuid NOT NULL,
                "default_currency" character(3) NOT NULL DEFAULT 'USD',
                "default_timezone" text NOT NULL DEFAULT 'UTC',
                "brand_name" text,
                "logo_url" text,
                "primary_color" text,
                "accent_color" text,
                "support_email" text,
                "buy_rate_card_id" uuid,
                "billing_type" "public"."tenant_settings_billing_type" NOT NULL DEFAULT 'prepaid',
                "credit_limit" numeric(20, 6) NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "tenant_settings_credit_limit_check" CHECK ("credit_limit" >= 0),
                CONSTRAINT "tenant_settings_colors_check" CHECK (
                    "primary_color" ~ '^#[0-9a-fA-F]{6}$'
                    AND "accent_color" ~ '^#[0-9a-fA-F]{6}$'
                ),
                CONSTRAINT "tenant_settings_default_currency_check" CHECK ("default_currency" ~ '^[A-Z]{3}$'),
                CONSTRAINT "PK_a6abc1c3ed0df635955fc852f1c" PRIMARY KEY ("tenant_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "user_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "refresh_token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_ip" inet,
                "user_agent" text,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e93e031a5fed190d4789b6bfd83" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "user_sessions_refresh_token_hash_key" ON "user_sessions" ("refresh_token_hash")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."sip_transport" AS ENUM('udp', 'tcp', 'tls')
        `);
    await queryRunner.query(`
            CREATE TABLE "vendor_trunks" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "tenant_id" uuid NOT NULL,
                "vendor_id" uuid NOT NULL,
                "name" text NOT NULL,
                "host" text NOT NULL,
                "port" integer NOT NULL DEFAULT '5060',
                "transport" "public"."sip_transport" NOT NULL DEFAULT 'udp',
                "strip_digits" integer NOT NULL DEFAULT '0',
                "add_prefix" text NOT NULL DEFAULT '',
                "max_channels" integer,
                "timeout_seconds" integer NOT NULL DEFAULT '30',
                "enabled" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "vendor_trunks_timeout_seconds_check" CHECK ("timeout_seconds" > 0),
                CONSTRAINT "vendor_trunks_max_channels_check" CHECK ("max_channels" >= 0),
                CONSTRAINT "vendor_trunks_strip_digits_check" CHECK ("strip_digits" >= 0),
                CONSTRAINT "vendor_trunks_port_check" CHECK (
                    "port" BETWEEN 1 AND 65535
                ),
                CONSTRAINT "PK_9f4c8fe7be64ac2745c63ec83f0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "vendor_trunks_tenant_id_idx" ON "vendor_trunks" ("tenant_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "vendor_trunks_vendor_id_idx" ON "vendor_trunks" ("vendor_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "tenants"
            ADD "deleted_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "account_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "deleted_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "users_account_id_idx" ON "users" ("account_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards"
            ADD CONSTRAINT "FK_d14ba2e74e3382be5dede243a61" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plans"
            ADD CONSTRAINT "FK_f44f57f224aa80c8aacf4d12c6d" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "service_plans"
            ADD CONSTRAINT "FK_d5ce03a77c891580e526fa6284b" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "service_plans"
            ADD CONSTRAINT "FK_89ecfa6672214a300a97dcdc321" FOREIGN KEY ("sell_rate_card_id") REFERENCES "rate_cards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "service_plans"
            ADD CONSTRAINT "FK_919362d2e81671c5421daf7b1cb" FOREIGN KEY ("routing_plan_id") REFERENCES "routing_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "accounts"
            ADD CONSTRAINT "FK_c1cce1e0d9cc2557038a7f639d7" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "accounts"
            ADD CONSTRAINT "FK_41de0d73b3a3df6add26e11c57c" FOREIGN KEY ("service_plan_id") REFERENCES "service_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_17a709b8b6146c491e6615c29d7" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_3ac18429c8d27858d79432e0dda" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_522917da2d9d41d41f7a4e367f0" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_log"
            ADD CONSTRAINT "FK_8ce0776c154c443e780270bbd7f" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_log"
            ADD CONSTRAINT "FK_1c4c8c76598008ea972a84e7834" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_log"
            ADD CONSTRAINT "FK_f41722098935d5d9ee6926ad797" FOREIGN KEY ("actor_api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "balances"
            ADD CONSTRAINT "FK_54ecd027dc350934524cda6f7f6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "balances"
            ADD CONSTRAINT "FK_3dea73cdec0185cf943b0c02216" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "balances"
            ADD CONSTRAINT "FK_cb8ca752a24d4b5aec6f433a935" FOREIGN KEY ("reseller_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "banned_ips"
            ADD CONSTRAINT "FK_1ff6c5d3447bf48a7e8a60125f8" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "banned_ips"
            ADD CONSTRAINT "FK_d366e6cbf6b3eca23590d70ffd5" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "domains"
            ADD CONSTRAINT "FK_0c7ffd1abf825ccaf4a29506959" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "holidays"
            ADD CONSTRAINT "FK_c54c400d1c627f5dc3bbb8c2b0a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries"
            ADD CONSTRAINT "FK_100a4dde20ac61937a6a4e58b59" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries"
            ADD CONSTRAINT "FK_e4440167e470be69f9622c1ceab" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries"
            ADD CONSTRAINT "FK_3d2a99bb80095b8daa1a565d7bd" FOREIGN KEY ("reseller_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries"
            ADD CONSTRAINT "FK_b974b39553097a702583d458316" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries"
            ADD CONSTRAINT "FK_34f018fe7df6007b9d9468168cf" FOREIGN KEY ("created_by_api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lines"
            ADD CONSTRAINT "FK_c50be5aa014b09ecac5e0571ea7" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lines"
            ADD CONSTRAINT "FK_c9f689f526125cb35738e1d75ab" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lines"
            ADD CONSTRAINT "FK_4ac4b9579685d04c95404e8604b" FOREIGN KEY ("domain_id") REFERENCES "domains"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_periods"
            ADD CONSTRAINT "FK_3127fb650c84f6a24314e218bd4" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_periods"
            ADD CONSTRAINT "FK_09ced46002656bb85a58d561f37" FOREIGN KEY ("rate_card_id") REFERENCES "rate_cards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rates"
            ADD CONSTRAINT "FK_67daf85c7c961416ad9ecc8f552" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rates"
            ADD CONSTRAINT "FK_fd903bc023ba6fa1de55502e706" FOREIGN KEY ("rate_card_id") REFERENCES "rate_cards"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rates"
            ADD CONSTRAINT "FK_74aae2a3296ffdc47f7bf9f61b8" FOREIGN KEY ("period_id") REFERENCES "rate_periods"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_prefixes"
            ADD CONSTRAINT "FK_4970ccb77963a58746950d2f945" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_prefixes"
            ADD CONSTRAINT "FK_68e5a95e3fd8f76e8ef61fc3790" FOREIGN KEY ("routing_plan_id") REFERENCES "routing_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vendors"
            ADD CONSTRAINT "FK_b362795545b91a886939d70beae" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vendors"
            ADD CONSTRAINT "FK_ef657fe57ba6c9fb66e62d0b0e4" FOREIGN KEY ("buy_rate_card_id") REFERENCES "rate_cards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_vendors"
            ADD CONSTRAINT "FK_2933b90d6230b7cca45906c1d74" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_vendors"
            ADD CONSTRAINT "FK_46b9cf9e8baeff5f3487b4958b5" FOREIGN KEY ("routing_plan_id") REFERENCES "routing_plans"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_vendors"
            ADD CONSTRAINT "FK_435684aadcb3899fe96f5472358" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "service_templates"
            ADD CONSTRAINT "FK_60ccdc25b46c1b9de67a34ef0e0" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "service_templates"
            ADD CONSTRAINT "FK_299d85081892c566b3bdbe038cd" FOREIGN KEY ("service_plan_id") REFERENCES "service_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "services"
            ADD CONSTRAINT "FK_847c3b57ab049376d3380329a9c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "services"
            ADD CONSTRAINT "FK_166b31c9827daf5cc8977e68575" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "services"
            ADD CONSTRAINT "FK_9d61a485a05f6405c541fa91266" FOREIGN KEY ("template_id") REFERENCES "service_templates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings"
            ADD CONSTRAINT "FK_a6abc1c3ed0df635955fc852f1c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings"
            ADD CONSTRAINT "FK_5af7fca1a82b3c164087c13f0a9" FOREIGN KEY ("buy_rate_card_id") REFERENCES "rate_cards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions"
            ADD CONSTRAINT "FK_e9658e959c490b0a634dfc54783" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vendor_trunks"
            ADD CONSTRAINT "FK_e38ab647a9014aa02c5fcd388e7" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vendor_trunks"
            ADD CONSTRAINT "FK_ca71af229ba079ed3a9d1f425d5" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "vendor_trunks" DROP CONSTRAINT "FK_ca71af229ba079ed3a9d1f425d5"
        `);
    await queryRunner.query(`
            ALTER TABLE "vendor_trunks" DROP CONSTRAINT "FK_e38ab647a9014aa02c5fcd388e7"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions" DROP CONSTRAINT "FK_e9658e959c490b0a634dfc54783"
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings" DROP CONSTRAINT "FK_5af7fca1a82b3c164087c13f0a9"
        `);
    await queryRunner.query(`
            ALTER TABLE "tenant_settings" DROP CONSTRAINT "FK_a6abc1c3ed0df635955fc852f1c"
        `);
    await queryRunner.query(`
            ALTER TABLE "services" DROP CONSTRAINT "FK_9d61a485a05f6405c541fa91266"
        `);
    await queryRunner.query(`
            ALTER TABLE "services" DROP CONSTRAINT "FK_166b31c9827daf5cc8977e68575"
        `);
    await queryRunner.query(`
            ALTER TABLE "services" DROP CONSTRAINT "FK_847c3b57ab049376d3380329a9c"
        `);
    await queryRunner.query(`
            ALTER TABLE "service_templates" DROP CONSTRAINT "FK_299d85081892c566b3bdbe038cd"
        `);
    await queryRunner.query(`
            ALTER TABLE "service_templates" DROP CONSTRAINT "FK_60ccdc25b46c1b9de67a34ef0e0"
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_vendors" DROP CONSTRAINT "FK_435684aadcb3899fe96f5472358"
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_vendors" DROP CONSTRAINT "FK_46b9cf9e8baeff5f3487b4958b5"
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_vendors" DROP CONSTRAINT "FK_2933b90d6230b7cca45906c1d74"
        `);
    await queryRunner.query(`
            ALTER TABLE "vendors" DROP CONSTRAINT "FK_ef657fe57ba6c9fb66e62d0b0e4"
        `);
    await queryRunner.query(`
            ALTER TABLE "vendors" DROP CONSTRAINT "FK_b362795545b91a886939d70beae"
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_prefixes" DROP CONSTRAINT "FK_68e5a95e3fd8f76e8ef61fc3790"
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plan_prefixes" DROP CONSTRAINT "FK_4970ccb77963a58746950d2f945"
        `);
    await queryRunner.query(`
            ALTER TABLE "rates" DROP CONSTRAINT "FK_74aae2a3296ffdc47f7bf9f61b8"
        `);
    await queryRunner.query(`
            ALTER TABLE "rates" DROP CONSTRAINT "FK_fd903bc023ba6fa1de55502e706"
        `);
    await queryRunner.query(`
            ALTER TABLE "rates" DROP CONSTRAINT "FK_67daf85c7c961416ad9ecc8f552"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_periods" DROP CONSTRAINT "FK_09ced46002656bb85a58d561f37"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_periods" DROP CONSTRAINT "FK_3127fb650c84f6a24314e218bd4"
        `);
    await queryRunner.query(`
            ALTER TABLE "lines" DROP CONSTRAINT "FK_4ac4b9579685d04c95404e8604b"
        `);
    await queryRunner.query(`
            ALTER TABLE "lines" DROP CONSTRAINT "FK_c9f689f526125cb35738e1d75ab"
        `);
    await queryRunner.query(`
            ALTER TABLE "lines" DROP CONSTRAINT "FK_c50be5aa014b09ecac5e0571ea7"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_34f018fe7df6007b9d9468168cf"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_b974b39553097a702583d458316"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_3d2a99bb80095b8daa1a565d7bd"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_e4440167e470be69f9622c1ceab"
        `);
    await queryRunner.query(`
            ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_100a4dde20ac61937a6a4e58b59"
        `);
    await queryRunner.query(`
            ALTER TABLE "holidays" DROP CONSTRAINT "FK_c54c400d1c627f5dc3bbb8c2b0a"
        `);
    await queryRunner.query(`
            ALTER TABLE "domains" DROP CONSTRAINT "FK_0c7ffd1abf825ccaf4a29506959"
        `);
    await queryRunner.query(`
            ALTER TABLE "banned_ips" DROP CONSTRAINT "FK_d366e6cbf6b3eca23590d70ffd5"
        `);
    await queryRunner.query(`
            ALTER TABLE "banned_ips" DROP CONSTRAINT "FK_1ff6c5d3447bf48a7e8a60125f8"
        `);
    await queryRunner.query(`
            ALTER TABLE "balances" DROP CONSTRAINT "FK_cb8ca752a24d4b5aec6f433a935"
        `);
    await queryRunner.query(`
            ALTER TABLE "balances" DROP CONSTRAINT "FK_3dea73cdec0185cf943b0c02216"
        `);
    await queryRunner.query(`
            ALTER TABLE "balances" DROP CONSTRAINT "FK_54ecd027dc350934524cda6f7f6"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_log" DROP CONSTRAINT "FK_f41722098935d5d9ee6926ad797"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_log" DROP CONSTRAINT "FK_1c4c8c76598008ea972a84e7834"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_log" DROP CONSTRAINT "FK_8ce0776c154c443e780270bbd7f"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_522917da2d9d41d41f7a4e367f0"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_3ac18429c8d27858d79432e0dda"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_17a709b8b6146c491e6615c29d7"
        `);
    await queryRunner.query(`
            ALTER TABLE "accounts" DROP CONSTRAINT "FK_41de0d73b3a3df6add26e11c57c"
        `);
    await queryRunner.query(`
            ALTER TABLE "accounts" DROP CONSTRAINT "FK_c1cce1e0d9cc2557038a7f639d7"
        `);
    await queryRunner.query(`
            ALTER TABLE "service_plans" DROP CONSTRAINT "FK_919362d2e81671c5421daf7b1cb"
        `);
    await queryRunner.query(`
            ALTER TABLE "service_plans" DROP CONSTRAINT "FK_89ecfa6672214a300a97dcdc321"
        `);
    await queryRunner.query(`
            ALTER TABLE "service_plans" DROP CONSTRAINT "FK_d5ce03a77c891580e526fa6284b"
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_plans" DROP CONSTRAINT "FK_f44f57f224aa80c8aacf4d12c6d"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards" DROP CONSTRAINT "FK_d14ba2e74e3382be5dede243a61"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_account_id_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "deleted_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "account_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "tenants" DROP COLUMN "deleted_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."vendor_trunks_vendor_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."vendor_trunks_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "vendor_trunks"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."sip_transport"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."user_sessions_refresh_token_hash_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."user_sessions_user_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "user_sessions"
        `);
    await queryRunner.query(`
            DROP TABLE "tenant_settings"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."tenant_settings_billing_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."services_account_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."services_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "services"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."service_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."service_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_templates_tenant_id_name_key"
        `);
    await queryRunner.query(`
            DROP TABLE "service_templates"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."service_template_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plan_vendors_routing_plan_id_prefix_vendor_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plan_vendors_vendor_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plan_vendors_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "routing_plan_vendors"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."vendors_tenant_id_name_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."vendors_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "vendors"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plan_prefixes_routing_plan_id_prefix_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plan_prefixes_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "routing_plan_prefixes"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."routing_plan_prefix_strategy"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_prefix_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_prefix_effective_from_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_rate_card_id_period_id_prefix_effective_from_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rates_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "rates"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rounding_mode"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_periods_rate_card_id_name_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_periods_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_periods"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."period_holidays"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."lines_domain_username_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."lines_account_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."lines_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "lines"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."line_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_account_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_reseller_tenant_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_idempotency_key_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ledger_entries_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "ledger_entries"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."ledger_entry_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."holidays_tenant_id_date_key"
        `);
    await queryRunner.query(`
            DROP TABLE "holidays"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."domains_name_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."domains_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "domains"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."banned_ips_tenant_id_cidr_key"
        `);
    await queryRunner.query(`
            DROP TABLE "banned_ips"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."balances_reseller_tenant_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."balances_account_id_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."balances_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "balances"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_tenant_id_created_at_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_entity_type_entity_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."api_keys_prefix_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."api_keys_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."accounts_tenant_id_code_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."accounts_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "accounts"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."account_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."account_billing_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_plans_tenant_id_name_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."service_plans_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "service_plans"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."recurring_period"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plans_tenant_id_name_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."routing_plans_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "routing_plans"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."routing_plan_strategy"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_cards_tenant_id_name_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."rate_cards_tenant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_cards"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rate_card_kind"
        `);
  }
}
