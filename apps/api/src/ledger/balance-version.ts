/**
 * SQL for a balance row's version: its last update (set with `clock_timestamp()` under the row lock) in
 * µs since the epoch, as text. Credit pools compare it with ledger entries' versions (see CreditPools).
 */
export const BALANCE_VERSION = `(extract(epoch from updated_at) * 1000000)::bigint::text`;
