// The routers' quota ledger in Redis (RouteLedgerStore from @outcrop/provider), so every replica routes on the
// same headroom and rests. A pool is a hash of per-second buckets (`t:<second>` tokens, `r:<second>` requests)
// summed over the last minute by one script, which also drops buckets that left it; a rest is a key holding its
// end time, expiring with it; a conversation's pin is a key holding its target's name, expiring with the prompt
// cache. One round trip per routed call to read, one per write.
import type { PoolCount, RouteLedgerStore } from '@outcrop/provider';
import type { Redis } from 'ioredis';

/** Buckets are seconds: the shared minute is 59 to 60 s long, where one process counts to the millisecond. */
const BUCKET_MS = 1000;
const WINDOW_BUCKETS = 60;
/** A pool nobody wrote for two minutes is gone (its buckets are out of the window anyway). */
const POOL_TTL_MS = 120_000;

// KEYS: the pools, the rests, then the pin if ARGV[3] is '1'. ARGV: the pool count, the first bucket inside the
// window, whether a pin is asked. The pin's target comes last in the answer ('' when none).
const READ = `
local pools = tonumber(ARGV[1])
local since = tonumber(ARGV[2])
local last = #KEYS
if ARGV[3] == '1' then last = last - 1 end
local out = {}
for i = 1, pools do
  local fields = redis.call('HGETALL', KEYS[i])
  local tokens, requests, old = 0, 0, {}
  for j = 1, #fields, 2 do
    local kind, bucket = string.match(fields[j], '^(%a):(%d+)$')
    if bucket and tonumber(bucket) >= since then
      if kind == 't' then tokens = tokens + tonumber(fields[j + 1]) else requests = requests + tonumber(fields[j + 1]) end
    else
      old[#old + 1] = fields[j]
    end
  end
  if #old > 0 then redis.call('HDEL', KEYS[i], unpack(old)) end
  out[#out + 1] = tokens
  out[#out + 1] = requests
end
for i = pools + 1, last do
  out[#out + 1] = tonumber(redis.call('GET', KEYS[i]) or '0')
end
if ARGV[3] == '1' then out[#out + 1] = redis.call('GET', KEYS[#KEYS]) or '' end
return out`;
// ARGV: bucket, tokens, requests, ttl.
const ADD = `
redis.call('HINCRBY', KEYS[1], 't:' .. ARGV[1], ARGV[2])
if ARGV[3] ~= '0' then redis.call('HINCRBY', KEYS[1], 'r:' .. ARGV[1], ARGV[3]) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;
// ARGV: until, ttl. A longer rest already set stays.
const REST = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

/** `call` runs one command, turning a failure into the gateway's shared-state error. */
export function redisRouteLedger(
  client: Redis,
  call: <T>(run: () => Promise<T>) => Promise<T>,
): RouteLedgerStore {
  const bucket = (ms: number) => Math.floor(ms / BUCKET_MS);
  return {
    read: (pools, rests, now, pin) =>
      call(async () => {
        const keys = [
          ...pools.map((k) => `route:pool:${k}`),
          ...rests.map((k) => `route:rest:${k}`),
          ...(pin !== undefined ? [`route:pin:${pin}`] : []),
        ];
        const since = bucket(now) - WINDOW_BUCKETS + 1;
        const asked = pin !== undefined ? '1' : '0';
        const out = (await client.eval(
          READ,
          keys.length,
          ...keys,
          String(pools.length),
          String(since),
          asked,
        )) as (number | string)[];
        const counts: PoolCount[] = pools.map((_, i) => ({
          tokens: Number(out[2 * i]),
          requests: Number(out[2 * i + 1]),
        }));
        const pinned = pin !== undefined ? String(out[2 * pools.length + rests.length] ?? '') : '';
        return {
          pools: counts,
          rests: rests.map((_, i) => Number(out[2 * pools.length + i])),
          ...(pinned ? { pin: pinned } : {}),
        };
      }),
    add: (pool, at, tokens, requests) =>
      call(async () => {
        await client.eval(
          ADD,
          1,
          `route:pool:${pool}`,
          String(bucket(at)),
          String(Math.round(tokens)),
          String(Math.round(requests)),
          String(POOL_TTL_MS),
        );
      }),
    rest: (key, until, now) =>
      call(async () => {
        const ttl = Math.max(1, Math.ceil(until - now));
        await client.eval(REST, 1, `route:rest:${key}`, String(Math.round(until)), String(ttl));
      }),
    pin: (key, target, ttlMs) =>
      call(async () => {
        await client.set(`route:pin:${key}`, target, 'PX', Math.max(1, Math.round(ttlMs)));
      }),
  };
}
