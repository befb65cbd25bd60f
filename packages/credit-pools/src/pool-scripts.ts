import type Redis from 'ioredis';

/**
 * The credit pool scripts. Each runs atomically in one round trip and touches only the keys it is given:
 * KEYS = pool, open index, deadlines index (and the call) — all in the account's cluster slot.
 *
 * Amounts are integers: pool amounts in micro-units, rate amounts in 1e-8 units; Lua numbers are doubles,
 * exact below 2^53, and every value written or returned is formatted with `%.0f` (Lua's tostring would
 * print 1e+15 notation). Call state of an open call lives in the pool's `open` hash as
 * "answeredAt reserved groups <terms>" (answeredAt 0 while ringing), so one script can re-apportion the
 * reservations of every call of the pool without touching keys it was not given.
 */
const PRELUDE = `
local LIMIT = 4503599627370496
local POW10 = { [0] = 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 }

local function str(n) return string.format('%.0f', n) end

local function parseTerms(encoded)
  local f = {}
  for word in string.gmatch(encoded, '%S+') do f[#f + 1] = word end
  local d = tonumber(f[9])
  return {
    p = tonumber(f[1]), c = tonumber(f[2]), m = tonumber(f[3]),
    fi = tonumber(f[4]), ni = tonumber(f[5]), fs = tonumber(f[6]), ncb = tonumber(f[7]),
    mode = f[8], q = 60 * POW10[8 - d], scale = POW10[6 - d],
  }
end

-- packages/rating callCost(rate, seconds).total, in micro-units, with integers only.
local function cost(t, seconds)
  if seconds <= 0 or seconds < t.ncb then return 0 end
  local chargeable = seconds - math.min(t.fs, seconds)
  local billed = 0
  if chargeable > 0 then
    if chargeable <= t.fi then billed = t.fi
    else billed = t.fi + math.ceil((chargeable - t.fi) / t.ni) * t.ni end
  end
  -- 60 x the unrounded total in 1e-8 units: max(minCharge, connectFee + price x billed / 60)
  local n = 60 * t.c + t.p * billed
  if n < 60 * t.m then n = 60 * t.m end
  if n >= LIMIT then error('RANGE') end
  -- rounded to the rate's decimals: n / q in 10^-decimals units, q = 60 x 10^(8 - decimals)
  local r = math.floor(n / t.q)
  local rem = n - r * t.q
  if rem < 0 then r = r - 1; rem = rem + t.q elseif rem >= t.q then r = r + 1; rem = rem - t.q end
  if rem > 0 then
    if t.mode == 'up' then r = r + 1
    elseif t.mode == 'half-up' then
      if 2 * rem >= t.q then r = r + 1 end
    elseif t.mode == 'half-even' then
      if 2 * rem > t.q or (2 * rem == t.q and r % 2 == 1) then r = r + 1 end
    end
  end
  return r * t.scale
end

-- Largest t in [0, cap] with fits(t), fits(0) being true and fits monotone: gallops out from a guess,
-- then bisects (packages/rating largestTrue). The predicate decides; the guess only saves probes.
local function largestFitting(cap, fits, guess)
  local yes, no = 0, cap + 1
  local probe = math.min(cap, math.max(0, guess))
  if probe > 0 then
    local upward = fits(probe)
    if upward then yes = probe else no = probe end
    local step = 1
    while true do
      local nxt = no - step
      if upward then nxt = yes + step end
      if nxt >= no or nxt <= yes then break end
      local held = fits(nxt)
      if held then yes = nxt else no = nxt end
      if held ~= upward then break end
      step = step * 2
    end
  end
  while no - yes > 1 do
    local middle = math.floor((yes + no) / 2)
    if fits(middle) then yes = middle else no = middle end
  end
  return yes
end

-- packages/rating poolMaxDuration: the largest t <= cap such that the calls' further costs from their
-- elapsed seconds to elapsed + t fit the credit left once every call's cost so far is paid. Calls with
-- the same terms and elapsed seconds form one cohort (count calls). Then each cohort's reservation
-- becomes its cost up to that common horizon.
local function horizon(base, cohorts, cap)
  local credit, pricePerMinute = base, 0
  for _, g in ipairs(cohorts) do
    g.paid = cost(g.terms, g.elapsed)
    credit = credit - g.count * g.paid
    pricePerMinute = pricePerMinute + g.count * g.terms.p
  end
  local seconds = 0
  if credit >= 0 then
    local function fits(t)
      local sum = 0
      for _, g in ipairs(cohorts) do
        sum = sum + g.count * (cost(g.terms, g.elapsed + t) - g.paid)
        if sum > credit then return false end
      end
      return true
    end
    local guess = cap
    if pricePerMinute > 0 then guess = math.floor(credit * 6000 / pricePerMinute) end
    seconds = largestFitting(cap, fits, guess)
  end
  for _, g in ipairs(cohorts) do g.reserve = cost(g.terms, g.elapsed + seconds) end
  return seconds
end

local function decodeEntry(raw)
  local answered, reserved, groups, limit, encoded = string.match(raw, '^(%S+) (%S+) (%S+) (%S+) (.+)$')
  return {
    answered = tonumber(answered), reserved = tonumber(reserved), groups = groups, limit = tonumber(limit),
    encoded = encoded,
  }
end

local function encodeEntry(e)
  return str(e.answered) .. ' ' .. str(e.reserved) .. ' ' .. e.groups .. ' ' .. str(e.limit) .. ' ' .. e.encoded
end

-- available = balance (+ credit limit when postpaid) - charged - reserved
local function poolBase(poolKey)
  local v = redis.call('HMGET', poolKey, 'billing', 'balance', 'limit', 'charged', 'reserved')
  local base = tonumber(v[2]) - tonumber(v[4])
  if v[1] == 'postpaid' then base = base + tonumber(v[3]) end
  return base, tonumber(v[5])
end

local function available(poolKey)
  local base, reserved = poolBase(poolKey)
  return base - reserved
end

local function closeEntry(poolKey, openKey, deadlinesKey, callId, entry)
  redis.call('HDEL', openKey, callId)
  redis.call('ZREM', deadlinesKey, callId)
  redis.call('HINCRBY', poolKey, 'reserved', str(-entry.reserved))
  redis.call('HINCRBY', poolKey, 'calls', '-1')
  if entry.groups ~= '-' then
    for group in string.gmatch(entry.groups, '[^,]+') do
      redis.call('HINCRBY', poolKey, 'ch:' .. group, '-1')
    end
  end
end

-- Returns every reservation whose deadline has passed to the pool.
local function sweep(poolKey, openKey, deadlinesKey, now)
  local count, returned = 0, 0
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', deadlinesKey, '-inf', str(now))) do
    local raw = redis.call('HGET', openKey, id)
    if raw then
      local entry = decodeEntry(raw)
      closeEntry(poolKey, openKey, deadlinesKey, id, entry)
      count, returned = count + 1, returned + entry.reserved
    else
      redis.call('ZREM', deadlinesKey, id)
    end
  end
  return count, returned
end

-- A call hash says reserved/active while its entry is open; a reserved call the sweep closed is expired.
local function liveState(state, openKey, callId)
  if state == 'reserved' or state == 'active' then
    local raw = redis.call('HGET', openKey, callId)
    if not raw then return 'expired', nil end
    return state, decodeEntry(raw)
  end
  return state, nil
end

-- HSET of field/value pairs, in slices: unpack is bounded by Lua's C stack (8,000 values).
local function hsetAll(key, list)
  for first = 1, #list, 2000 do
    redis.call('HSET', key, unpack(list, first, math.min(first + 1999, #list)))
  end
end

local function tagsDiffer(given, stored)
  return given ~= '' and stored and stored ~= '' and given ~= stored
end
`;

/**
 * KEYS: pool, open, deadlines, call.
 * ARGV: callId, fingerprint, now, ttlMs, retentionMs, currency, billing, balance, limit, maxCalls,
 * groups ("name=max,…" or "-"; max -1 = unlimited), maxSeconds, fromTag, terms, rate snapshot JSON,
 * balance version (µs; see LEDGER_ENTRY), details JSON (kept with the call for its CDR). A loaded pool
 * takes billing and limit from every reserve.
 * Returns OK seconds reserved available | DUPLICATE state seconds reserved available | CONFLICT state |
 * CURRENCY poolCurrency | CHANNEL_LIMIT group | NO_CREDIT available | RANGE.
 */
const RESERVE = `
local poolKey, openKey, deadlinesKey, callKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local callId, fingerprint = ARGV[1], ARGV[2]
local now, ttl, retention = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local billing, limit = ARGV[7], ARGV[9]
local maxCalls, groupSpec, cap = tonumber(ARGV[10]), ARGV[11], tonumber(ARGV[12])
local fromTag, encoded, snapshot = ARGV[13], ARGV[14], ARGV[15]

local seen = redis.call('HMGET', callKey, 'fingerprint', 'state', 'maxSeconds')
if seen[1] then
  local state, entry = liveState(seen[2], openKey, callId)
  if seen[1] ~= fingerprint then return { 'CONFLICT', state } end
  local reserved = 0
  if entry then reserved = entry.reserved end
  return { 'DUPLICATE', state, seen[3], str(reserved), str(available(poolKey)) }
end

-- One read of the pool for the currency check and the credit: what poolBase would read after the writes
-- below (billing and limit from this request, reserved less what the sweep returns).
local pool = redis.call('HMGET', poolKey, 'currency', 'billing', 'limit', 'balance', 'charged', 'reserved')
local balance, charged, reservedBefore
if not pool[1] and redis.call('EXISTS', poolKey) == 0 then
  redis.call('HSET', poolKey, 'currency', ARGV[6], 'billing', billing, 'balance', ARGV[8], 'limit', limit,
    'charged', '0', 'reserved', '0', 'calls', '0', 'version', ARGV[16], 'seededAt', str(now))
  balance, charged, reservedBefore = tonumber(ARGV[8]), 0, 0
else
  if pool[1] ~= ARGV[6] then return { 'CURRENCY', pool[1] } end
  -- The account's terms are configuration: the seed carries the latest; the balance is loaded only once.
  if pool[2] ~= billing or pool[3] ~= limit then redis.call('HSET', poolKey, 'billing', billing, 'limit', limit) end
  balance, charged, reservedBefore = tonumber(pool[4]), tonumber(pool[5]), tonumber(pool[6])
end
local _, returned = sweep(poolKey, openKey, deadlinesKey, now)
reservedBefore = reservedBefore - returned
local base = balance - charged
if billing == 'postpaid' then base = base + tonumber(limit) end

local entries = redis.call('HGETALL', openKey)
local open = #entries / 2
if maxCalls >= 0 and open >= maxCalls then return { 'CHANNEL_LIMIT', 'account' } end
local groups, groupFields, groupLimits = {}, {}, {}
if groupSpec ~= '-' then
  for name, max in string.gmatch(groupSpec, '([^,=]+)=([^,]+)') do
    groups[#groups + 1] = name
    groupFields[#groupFields + 1] = 'ch:' .. name
    groupLimits[#groupLimits + 1] = tonumber(max)
  end
end
local inGroup = {}
if #groupFields > 0 then inGroup = redis.call('HMGET', poolKey, unpack(groupFields)) end
for i = 1, #groups do
  inGroup[i] = tonumber(inGroup[i] or '0')
  if groupLimits[i] >= 0 and inGroup[i] >= groupLimits[i] then return { 'CHANNEL_LIMIT', groups[i] } end
end

-- The open calls in cohorts of equal terms and elapsed seconds; the new call last, ringing (elapsed 0).
local cohorts, byKey, parsed = {}, {}, {}
local function join(id, entry, encoded, elapsed)
  local key = encoded .. '@' .. elapsed
  local g = byKey[key]
  if not g then
    if not parsed[encoded] then parsed[encoded] = parseTerms(encoded) end
    g = { terms = parsed[encoded], elapsed = elapsed, count = 0, members = {} }
    byKey[key] = g
    cohorts[#cohorts + 1] = g
  end
  g.count = g.count + 1
  if id then g.members[#g.members + 1] = { id = id, entry = entry } end
  return g
end
for i = 1, #entries, 2 do
  local entry = decodeEntry(entries[i + 1])
  local elapsed = 0
  if entry.answered > 0 then elapsed = math.max(0, math.ceil((now - entry.answered) / 1000)) end
  join(entries[i], entry, entry.encoded, elapsed)
end
local own = join(nil, nil, encoded, 0)

local computed, seconds = pcall(horizon, base, cohorts, cap)
if not computed then return { 'RANGE' } end
if seconds < 1 then return { 'NO_CREDIT', str(base - reservedBefore) } end

local reserve = own.reserve
local groupList = '-'
if #groups > 0 then groupList = table.concat(groups, ',') end
-- Every changed entry of the open index in one write, the new call's last.
local total, openWrites = reserve, {}
for _, g in ipairs(cohorts) do
  for _, member in ipairs(g.members) do
    if member.entry.reserved ~= g.reserve then
      member.entry.reserved = g.reserve
      openWrites[#openWrites + 1] = member.id
      openWrites[#openWrites + 1] = encodeEntry(member.entry)
    end
    total = total + g.reserve
  end
end
openWrites[#openWrites + 1] = callId
openWrites[#openWrites + 1] = encodeEntry({ answered = 0, reserved = reserve, groups = groupList, limit = 0, encoded = encoded })
hsetAll(openKey, openWrites)
redis.call('ZADD', deadlinesKey, str(now + ttl), callId)
-- The channel counts as HINCRBY by one per group would leave them (a group named twice counts twice).
local counts = {}
for i, field in ipairs(groupFields) do counts[field] = (counts[field] or inGroup[i]) + 1 end
local poolWrites = { 'reserved', str(total), 'calls', str(open + 1) }
for _, field in ipairs(groupFields) do
  if counts[field] then
    poolWrites[#poolWrites + 1] = field
    poolWrites[#poolWrites + 1] = str(counts[field])
    counts[field] = nil
  end
end
hsetAll(poolKey, poolWrites)
redis.call('HSET', callKey, 'callId', callId, 'fingerprint', fingerprint, 'state', 'reserved', 'fromTag', fromTag,
  'terms', encoded, 'rate', snapshot, 'maxSeconds', str(seconds), 'cap', str(cap), 'groups', groupList,
  'createdAt', str(now), 'deadline', str(now + ttl), 'details', ARGV[17])
redis.call('PEXPIRE', callKey, str(ttl + retention))
return { 'OK', str(seconds), str(reserve), str(base - total) }
`;

/**
 * KEYS: pool, open, deadlines, call. ARGV: callId, now (answer time), fromTag, toTag, retentionMs,
 * Kamailio's dialog h_entry and h_id ('' when unknown). The call's limit becomes answer + its cap.
 * Returns OK answeredAt | ALREADY_ACTIVE answeredAt | EXPIRED | CLOSED state | UNKNOWN | TAG_MISMATCH.
 */
const BEGIN = `
local poolKey, openKey, deadlinesKey, callKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local callId, now, fromTag, toTag, retention = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5])
local call = redis.call('HMGET', callKey, 'state', 'fromTag', 'toTag', 'answeredAt', 'maxSeconds', 'cap')
if not call[1] then return { 'UNKNOWN' } end
if tagsDiffer(fromTag, call[2]) then return { 'TAG_MISMATCH' } end
local state, entry = liveState(call[1], openKey, callId)
if state == 'active' then
  if tagsDiffer(toTag, call[3]) then return { 'TAG_MISMATCH' } end
  return { 'ALREADY_ACTIVE', call[4] }
end
if state == 'reserved' then
  local deadline = tonumber(redis.call('ZSCORE', deadlinesKey, callId))
  if deadline and deadline <= now then
    closeEntry(poolKey, openKey, deadlinesKey, callId, entry)
    state = 'expired'
  else
    entry.answered = now
    -- The call's own limit is its cap (the longest call allowed), not its credit horizon: the pool's
    -- metering ends calls when credit runs out, whatever the horizon was when each call started.
    entry.limit = now + tonumber(call[6] or call[5]) * 1000
    redis.call('HSET', openKey, callId, encodeEntry(entry))
    redis.call('ZREM', deadlinesKey, callId)
    redis.call('HSET', callKey, 'state', 'active', 'answeredAt', str(now), 'toTag', toTag)
    if ARGV[6] ~= '' then redis.call('HSET', callKey, 'dialogEntry', ARGV[6], 'dialogId', ARGV[7]) end
    redis.call('PEXPIRE', callKey, str(tonumber(call[5]) * 1000 + retention))
    return { 'OK', str(now) }
  end
end
if state == 'expired' then
  redis.call('HSET', callKey, 'state', 'expired')
  redis.call('PEXPIRE', callKey, str(retention))
  return { 'EXPIRED' }
end
return { 'CLOSED', state }
`;

/**
 * KEYS: pool, open, deadlines, call. ARGV: callId, now (end time), cost (micro), fromTag, toTag, retentionMs.
 * Returns OK settledFrom cost returned endedAt available | ALREADY_ENDED settledFrom cost returned endedAt |
 * CLOSED released | UNKNOWN | TAG_MISMATCH.
 */
const END = `
local poolKey, openKey, deadlinesKey, callKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local callId, now, charge = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local fromTag, toTag, retention = ARGV[4], ARGV[5], tonumber(ARGV[6])
local call = redis.call('HMGET', callKey, 'state', 'fromTag', 'toTag', 'settledFrom', 'cost', 'returned', 'endedAt')
if not call[1] then return { 'UNKNOWN' } end
if tagsDiffer(fromTag, call[2]) or tagsDiffer(toTag, call[3]) then return { 'TAG_MISMATCH' } end
local state, entry = liveState(call[1], openKey, callId)
if state == 'ended' then return { 'ALREADY_ENDED', call[4], call[5], call[6], call[7] } end
if state == 'released' then return { 'CLOSED', state } end
local returned = 0
if entry then
  closeEntry(poolKey, openKey, deadlinesKey, callId, entry)
  returned = entry.reserved
end
redis.call('HINCRBY', poolKey, 'charged', charge)
-- Held until the call's ledger charge reaches the pool (CALL_CHARGE_ENTRY): then it moves into the balance.
if charge ~= '0' then redis.call('HSET', poolKey, 'cc:' .. callId, charge) end
redis.call('HSET', callKey, 'state', 'ended', 'settledFrom', state, 'cost', charge, 'returned', str(returned),
  'endedAt', str(now))
if toTag ~= '' and (not call[3] or call[3] == '') then redis.call('HSET', callKey, 'toTag', toTag) end
redis.call('PEXPIRE', callKey, str(retention))
return { 'OK', state, charge, str(returned), str(now), str(available(poolKey)) }
`;

/**
 * KEYS: pool, open, deadlines, call. ARGV: callId, now, fromTag, retentionMs.
 * Returns OK returned available | ALREADY_RELEASED returned | EXPIRED | ACTIVE | CLOSED ended |
 * UNKNOWN | TAG_MISMATCH.
 */
const RELEASE = `
local poolKey, openKey, deadlinesKey, callKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local callId, now, fromTag, retention = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local call = redis.call('HMGET', callKey, 'state', 'fromTag', 'returned')
if not call[1] then return { 'UNKNOWN' } end
if tagsDiffer(fromTag, call[2]) then return { 'TAG_MISMATCH' } end
local state, entry = liveState(call[1], openKey, callId)
if state == 'reserved' then
  closeEntry(poolKey, openKey, deadlinesKey, callId, entry)
  redis.call('HSET', callKey, 'state', 'released', 'returned', str(entry.reserved), 'releasedAt', str(now))
  redis.call('PEXPIRE', callKey, str(retention))
  return { 'OK', str(entry.reserved), str(available(poolKey)) }
end
if state == 'released' then return { 'ALREADY_RELEASED', call[3] } end
if state == 'expired' then
  redis.call('HSET', callKey, 'state', 'expired')
  redis.call('PEXPIRE', callKey, str(retention))
  return { 'EXPIRED' }
end
if state == 'active' then return { 'ACTIVE' } end
return { 'CLOSED', state }
`;

/**
 * KEYS: pool, open, deadlines, call. ARGV: callId, seconds. Sets the longest the call may last from its
 * answer (its cap): an answered call's limit becomes answer + seconds, which the next metering pass
 * enforces; a ringing call gets it when answered. Never above the dialog timeout Kamailio was given
 * (the call's maxSeconds), which Kamailio 5.6 cannot raise over JSON-RPC.
 * Returns OK limit (ms, '' when not answered) | OVER_DIALOG_TIMEOUT maxSeconds | CLOSED state | UNKNOWN.
 */
const SET_CALL_CAP = `
local poolKey, openKey, deadlinesKey, callKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local callId, seconds = ARGV[1], tonumber(ARGV[2])
local call = redis.call('HMGET', callKey, 'state', 'maxSeconds')
if not call[1] then return { 'UNKNOWN' } end
local state, entry = liveState(call[1], openKey, callId)
if state ~= 'reserved' and state ~= 'active' then return { 'CLOSED', state } end
if seconds > tonumber(call[2]) then return { 'OVER_DIALOG_TIMEOUT', call[2] } end
redis.call('HSET', callKey, 'cap', str(seconds))
if state == 'reserved' then return { 'OK', '' } end
entry.limit = entry.answered + seconds * 1000
redis.call('HSET', openKey, callId, encodeEntry(entry))
return { 'OK', str(entry.limit) }
`;

/** KEYS: pool, open, deadlines. ARGV: now. Returns count returned available (all 0 for an unloaded pool). */
const SWEEP = `
local poolKey, openKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3]
if redis.call('EXISTS', poolKey) == 0 then return { '0', '0', '0' } end
local count, returned = sweep(poolKey, openKey, deadlinesKey, tonumber(ARGV[1]))
return { str(count), str(returned), str(available(poolKey)) }
`;

/**
 * KEYS: pool, ledger (zset entryId → balance version). ARGV: entryId, delta (micro), balance after the
 * entry (micro), balance version (µs), currency, billing, limit (micro), now (ms), retentionMs.
 * Returns LOADED available | APPLIED available | INCLUDED | DUPLICATE | CURRENCY poolCurrency.
 *
 * A pool loaded from a balance of version v already holds every entry up to v: only later entries are
 * added, each once. An absent pool is loaded from the balance after the entry.
 */
const LEDGER_ENTRY = `
local poolKey, ledgerKey = KEYS[1], KEYS[2]
local entryId, version, now = ARGV[1], tonumber(ARGV[4]), tonumber(ARGV[8])
if redis.call('EXISTS', poolKey) == 0 then
  redis.call('HSET', poolKey, 'currency', ARGV[5], 'billing', ARGV[6], 'balance', ARGV[3], 'limit', ARGV[7],
    'charged', '0', 'reserved', '0', 'calls', '0', 'version', ARGV[4], 'seededAt', str(now))
  redis.call('ZADD', ledgerKey, ARGV[4], entryId)
  redis.call('PEXPIRE', ledgerKey, ARGV[9])
  return { 'LOADED', str(available(poolKey)) }
end
local poolCurrency = redis.call('HGET', poolKey, 'currency')
if poolCurrency ~= ARGV[5] then return { 'CURRENCY', poolCurrency } end
if redis.call('ZSCORE', ledgerKey, entryId) then return { 'DUPLICATE' } end
redis.call('ZADD', ledgerKey, ARGV[4], entryId)
redis.call('PEXPIRE', ledgerKey, ARGV[9])
if version <= tonumber(redis.call('HGET', poolKey, 'version') or '0') then return { 'INCLUDED' } end
redis.call('HINCRBY', poolKey, 'balance', ARGV[2])
return { 'APPLIED', str(available(poolKey)) }
`;

/**
 * KEYS: pool, ledger. ARGV: as LEDGER_ENTRY, then the Call-ID.
 * Returns LOADED available | APPLIED available | INCLUDED available | DUPLICATE | CURRENCY poolCurrency.
 *
 * A call's final charge, posted to the ledger by cdr-worker. The pool already took the live amount at
 * `end` (kept in 'charged' and as 'cc:<callId>'): that amount leaves 'charged' as the posted charge
 * enters the balance, so the pool's available credit moves only by the difference. A pool loaded after
 * the call ended never held the live amount (no 'cc:' field), and a pool loaded from a balance that
 * already holds the entry (version) takes nothing into its balance: either way the call counts once.
 */
const CALL_CHARGE_ENTRY = `
local poolKey, ledgerKey = KEYS[1], KEYS[2]
local entryId, version, now, callId = ARGV[1], tonumber(ARGV[4]), tonumber(ARGV[8]), ARGV[10]
if redis.call('EXISTS', poolKey) == 0 then
  redis.call('HSET', poolKey, 'currency', ARGV[5], 'billing', ARGV[6], 'balance', ARGV[3], 'limit', ARGV[7],
    'charged', '0', 'reserved', '0', 'calls', '0', 'version', ARGV[4], 'seededAt', str(now))
  redis.call('ZADD', ledgerKey, ARGV[4], entryId)
  redis.call('PEXPIRE', ledgerKey, ARGV[9])
  return { 'LOADED', str(available(poolKey)) }
end
local poolCurrency = redis.call('HGET', poolKey, 'currency')
if poolCurrency ~= ARGV[5] then return { 'CURRENCY', poolCurrency } end
if redis.call('ZSCORE', ledgerKey, entryId) then return { 'DUPLICATE' } end
redis.call('ZADD', ledgerKey, ARGV[4], entryId)
redis.call('PEXPIRE', ledgerKey, ARGV[9])
local live = redis.call('HGET', poolKey, 'cc:' .. callId)
if live then
  redis.call('HDEL', poolKey, 'cc:' .. callId)
  redis.call('HINCRBY', poolKey, 'charged', str(-tonumber(live)))
end
if version <= tonumber(redis.call('HGET', poolKey, 'version') or '0') then
  return { 'INCLUDED', str(available(poolKey)) }
end
redis.call('HINCRBY', poolKey, 'balance', ARGV[2])
return { 'APPLIED', str(available(poolKey)) }
`;

/**
 * KEYS: pool, open, deadlines. ARGV: now, cap (seconds).
 * Returns NONE | IDLE available | RANGE | OK seconds available consumed active overdue… |
 * EXHAUSTED available consumed active-call-ids….
 *
 * Call control's per-period check of one pool: returns expired reservations, charges every answered call
 * its cost so far (whole seconds elapsed, by its pulses), recomputes the horizon every call of the
 * pool can still go on together (as reserve does, the ringing counted as answered now) and re-apportions
 * the reservations to it. A horizon under one second means the pool cannot pay the next pulse: the
 * answered calls are returned to be ended. Calls past their own limit (answer + max seconds) are
 * returned as overdue.
 */
const METER = `
local poolKey, openKey, deadlinesKey = KEYS[1], KEYS[2], KEYS[3]
local now, cap = tonumber(ARGV[1]), tonumber(ARGV[2])
if redis.call('EXISTS', poolKey) == 0 then return { 'NONE' } end
sweep(poolKey, openKey, deadlinesKey, now)
local entries = redis.call('HGETALL', openKey)
if #entries == 0 then
  redis.call('HSET', poolKey, 'consumed', '0', 'meteredAt', str(now))
  return { 'IDLE', str(available(poolKey)) }
end
local cohorts, byKey, parsed, active, overdue = {}, {}, {}, {}, {}
for i = 1, #entries, 2 do
  local id, entry = entries[i], decodeEntry(entries[i + 1])
  local elapsed = 0
  if entry.answered > 0 then
    -- Whole seconds completed: the pool is exhausted at the instant its credit is used up, not a second early.
    elapsed = math.max(0, math.floor((now - entry.answered) / 1000))
    active[#active + 1] = id
    if entry.limit > 0 and entry.limit <= now then overdue[#overdue + 1] = id end
  end
  local key = entry.encoded .. '@' .. elapsed
  local g = byKey[key]
  if not g then
    if not parsed[entry.encoded] then parsed[entry.encoded] = parseTerms(entry.encoded) end
    g = { terms = parsed[entry.encoded], elapsed = elapsed, count = 0, members = {} }
    byKey[key] = g
    cohorts[#cohorts + 1] = g
  end
  g.count = g.count + 1
  g.members[#g.members + 1] = { id = id, entry = entry }
end
local base = poolBase(poolKey)
local computed, seconds = pcall(horizon, base, cohorts, cap)
if not computed then return { 'RANGE' } end
local consumed, total = 0, 0
for _, g in ipairs(cohorts) do
  consumed = consumed + g.count * g.paid
  for _, member in ipairs(g.members) do
    if member.entry.reserved ~= g.reserve then
      member.entry.reserved = g.reserve
      redis.call('HSET', openKey, member.id, encodeEntry(member.entry))
    end
    total = total + g.reserve
  end
end
redis.call('HSET', poolKey, 'reserved', str(total), 'consumed', str(consumed), 'meteredAt', str(now))
if seconds < 1 and #active > 0 then
  local reply = { 'EXHAUSTED', str(base - total), str(consumed) }
  for _, id in ipairs(active) do reply[#reply + 1] = id end
  return reply
end
local reply = { 'OK', str(seconds), str(base - total), str(consumed), str(#active) }
for _, id in ipairs(overdue) do reply[#reply + 1] = id end
return reply
`;

export type ScriptReply = string[];

/** The pool scripts as ioredis commands (`defineCommand`: EVALSHA, falling back to EVAL once). */
export interface PoolScripts {
  tollgatePoolReserve(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolBegin(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolEnd(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolRelease(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolSweep(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolLedgerEntry(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolCallCharge(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolMeter(...keysAndArgs: string[]): Promise<ScriptReply>;
  tollgatePoolSetCallCap(...keysAndArgs: string[]): Promise<ScriptReply>;
}

const SCRIPTS: Record<keyof PoolScripts, { keys: number; body: string }> = {
  tollgatePoolReserve: { keys: 4, body: RESERVE },
  tollgatePoolBegin: { keys: 4, body: BEGIN },
  tollgatePoolEnd: { keys: 4, body: END },
  tollgatePoolRelease: { keys: 4, body: RELEASE },
  tollgatePoolSweep: { keys: 3, body: SWEEP },
  tollgatePoolLedgerEntry: { keys: 2, body: LEDGER_ENTRY },
  tollgatePoolCallCharge: { keys: 2, body: CALL_CHARGE_ENTRY },
  tollgatePoolMeter: { keys: 3, body: METER },
  tollgatePoolSetCallCap: { keys: 4, body: SET_CALL_CAP },
};

export function definePoolScripts(redis: Redis): PoolScripts {
  const commands = redis as unknown as Partial<PoolScripts>;
  for (const [name, script] of Object.entries(SCRIPTS)) {
    if (!(name in commands)) {
      redis.defineCommand(name, { numberOfKeys: script.keys, lua: PRELUDE + script.body });
    }
  }
  return redis as unknown as PoolScripts;
}
