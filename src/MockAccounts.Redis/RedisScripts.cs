namespace MockAccounts.Redis;

/// <summary>
/// The Lua scripts that make each shared operation one atomic step in Redis (a script runs whole, nothing between its
/// commands). Redis keeps each compiled by its hash, so resending one costs its bytes, not a compile.
/// </summary>
internal static class RedisScripts
{
    /// <summary>How long a replica stays live after its last heartbeat.</summary>
    public const int LiveMilliseconds = 3000;

    /// <summary>
    /// A change: the next version, the fields it sets in the state hash, published to every replica; returns the version
    /// and the replicas live now (which the writer waits for). KEYS: version, state, counters, replicas. ARGV: channel,
    /// change JSON, live window (ms), number of field operations, then (operation, field, value) for each.
    /// </summary>
    public const string Write = """
        local v = redis.call('INCR', KEYS[1])
        local n = tonumber(ARGV[4])
        local i = 5
        for k = 1, n do
          local op, field, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
          i = i + 3
          local record = v .. '\n' .. value
          if op == 'set' then
            redis.call('HSET', KEYS[2], field, record)
          elseif op == 'append' then
            local old = redis.call('HGET', KEYS[2], field)
            if old then redis.call('HSET', KEYS[2], field, old .. '\30' .. record) else redis.call('HSET', KEYS[2], field, record) end
          elseif op == 'del' then
            redis.call('HDEL', KEYS[2], field)
          elseif op == 'delprefix' then
            for _, f in ipairs(redis.call('HKEYS', KEYS[2])) do
              if string.sub(f, 1, #field) == field then redis.call('HDEL', KEYS[2], f) end
            end
          elseif op == 'clear' then
            redis.call('DEL', KEYS[2])
            redis.call('DEL', KEYS[3])
          end
        end
        redis.call('PUBLISH', ARGV[1], v .. '\n' .. ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local live = redis.call('ZRANGEBYSCORE', KEYS[4], now - tonumber(ARGV[3]), '+inf')
        table.insert(live, 1, tostring(v))
        return live
        """;

    /// <summary>
    /// The shared state as one snapshot: the version, then the state hash's fields and values. KEYS: version, state.
    /// </summary>
    public const string Load = """
        local all = redis.call('HGETALL', KEYS[2])
        table.insert(all, 1, redis.call('GET', KEYS[1]) or '0')
        return all
        """;

    /// <summary>
    /// A count claimed (ARGV[4] = 1) or read: counts only within its epoch and scenario; a newer epoch or another scenario
    /// starts it at 0, an older epoch (a request racing the change that started it over) reads without claiming.
    /// KEYS: counters. ARGV: field, epoch, scenario, claim.
    /// </summary>
    public const string Count = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        local epoch = tonumber(ARGV[2])
        local claim = ARGV[4] == '1'
        if cur then
          local a = string.find(cur, '\n', 1, true)
          local b = string.find(cur, '\n', a + 1, true)
          local e = tonumber(string.sub(cur, 1, a - 1))
          local n = tonumber(string.sub(cur, a + 1, b - 1))
          local s = string.sub(cur, b + 1)
          if e > epoch then return n end
          if e == epoch and s == ARGV[3] then
            if claim then redis.call('HSET', KEYS[1], ARGV[1], e .. '\n' .. (n + 1) .. '\n' .. s) end
            return n
          end
        end
        if claim then redis.call('HSET', KEYS[1], ARGV[1], epoch .. '\n1\n' .. ARGV[3]) end
        return 0
        """;

    /// <summary>
    /// A heartbeat: this replica live as of Redis's clock, replicas silent for a minute forgotten; returns the live ones.
    /// KEYS: replicas. ARGV: replica id, live window (ms), 1 to register (0 only reads).
    /// </summary>
    public const string Heartbeat = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if ARGV[3] == '1' then redis.call('ZADD', KEYS[1], now, ARGV[1]) end
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 60000)
        return redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[2]), '+inf')
        """;

    /// <summary>
    /// A batch of journal entries appended, the oldest beyond the capacity dropped and counted. KEYS: journal, dropped.
    /// ARGV: capacity, then the entries.
    /// </summary>
    public const string Append = """
        for i = 2, #ARGV, 500 do
          redis.call('RPUSH', KEYS[1], unpack(ARGV, i, math.min(i + 499, #ARGV)))
        end
        local len = redis.call('LLEN', KEYS[1])
        local cap = tonumber(ARGV[1])
        if len > cap then
          redis.call('LTRIM', KEYS[1], len - cap, -1)
          redis.call('INCRBY', KEYS[2], len - cap)
        end
        return len
        """;
}
