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
    /// ARGV[4] positions of a count claimed at once (0: only read); returns the first and 1 if claimed, else 0. Counts only within its epoch and
    /// scenario; a newer epoch or another scenario starts it at 0, an older epoch (a request racing the change that started
    /// it over) reads without claiming. KEYS: counters. ARGV: field, epoch, scenario, positions.
    /// </summary>
    public const string Count = """
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        local epoch = tonumber(ARGV[2])
        local claim = tonumber(ARGV[4])
        if cur then
          local a = string.find(cur, '\n', 1, true)
          local b = string.find(cur, '\n', a + 1, true)
          local e = tonumber(string.sub(cur, 1, a - 1))
          local n = tonumber(string.sub(cur, a + 1, b - 1))
          local s = string.sub(cur, b + 1)
          if e > epoch then return {n, 0} end
          if e == epoch and s == ARGV[3] then
            if claim > 0 then redis.call('HSET', KEYS[1], ARGV[1], e .. '\n' .. (n + claim) .. '\n' .. s) end
            return {n, claim > 0 and 1 or 0}
          end
        end
        if claim > 0 then redis.call('HSET', KEYS[1], ARGV[1], epoch .. '\n' .. claim .. '\n' .. ARGV[3]) end
        return {0, claim > 0 and 1 or 0}
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
    /// A page of journal entries (<see cref="JournalPage"/>) appended; the journal's size applied to the whole. Entries past
    /// the capacity are dropped (counted) by hiding the oldest: readers leave out that many, oldest by the time each
    /// records, since replicas' pages do not arrive in the requests' order. The first page goes when a capacity's worth of
    /// hidden entries would be left without it and every other page's oldest entry is newer than its newest (then all of
    /// its entries are among the oldest), or, whatever the times, once twice the capacity would be left (a replica's late
    /// page, its entries held while Redis was away, must not keep the journal growing). Redis never rewrites a page to
    /// trim it. KEYS: pages, page records ("count number newest"), size (entries shown), hidden (entries still stored but
    /// dropped), dropped, pages by their oldest entry's time, page numbers. ARGV: capacity, the page's entry count, the
    /// page, its oldest and newest entry's time (ticks). Returns the size.
    /// </summary>
    public const string AppendPage = """
        local number = redis.call('INCR', KEYS[7])
        redis.call('RPUSH', KEYS[1], ARGV[3])
        redis.call('RPUSH', KEYS[2], ARGV[2] .. ' ' .. number .. ' ' .. ARGV[5])
        redis.call('ZADD', KEYS[6], ARGV[4], number)
        local cap = tonumber(ARGV[1])
        local size = redis.call('INCRBY', KEYS[3], ARGV[2])
        local hidden = tonumber(redis.call('GET', KEYS[4]) or '0')
        if size > cap then
          redis.call('SET', KEYS[3], cap)
          redis.call('INCRBY', KEYS[5], size - cap)
          hidden = hidden + size - cap
          size = cap
        end
        local first = redis.call('LINDEX', KEYS[2], 0)
        while first do
          local count, page, newest = string.match(first, '(%d+) (%d+) (%d+)')
          count = tonumber(count)
          if hidden < cap + count then break end
          if hidden < 2 * cap + count then
            local lowest = redis.call('ZRANGE', KEYS[6], 0, 1, 'WITHSCORES')
            local other = lowest[1] == page and lowest[4] or lowest[2]
            if other and tonumber(other) <= tonumber(newest) then break end
          end
          redis.call('LPOP', KEYS[1])
          redis.call('LPOP', KEYS[2])
          redis.call('ZREM', KEYS[6], page)
          hidden = hidden - count
          first = redis.call('LINDEX', KEYS[2], 0)
        end
        redis.call('SET', KEYS[4], hidden)
        return size
        """;

    /// <summary>
    /// The journal entries whose first 17 bytes (format and id) are given, taken out of the pages that hold them (each such
    /// page written again, its distinct tails once as before); they were shown, so the size falls by as many. KEYS: pages,
    /// page records, size. ARGV: the ids. Returns how many were removed.
    /// </summary>
    public const string RemoveEntries = """
        local remove = {}
        for i = 1, #ARGV do remove[ARGV[i]] = true end
        local pages = redis.call('LRANGE', KEYS[1], 0, -1)
        local records = redis.call('LRANGE', KEYS[2], 0, -1)
        local removed = 0
        for p = 1, #pages do
          local page = pages[p]
          local at = 2
          local tails, kept, changed = {}, {}, false
          while at + 7 <= #page do
            local headLength = struct.unpack('<i4', page, at)
            local head = string.sub(page, at + 4, at + 3 + headLength)
            at = at + 4 + headLength
            local ref = struct.unpack('<i4', page, at)
            at = at + 4
            local tail
            if ref < 0 then
              local tailLength = struct.unpack('<i4', page, at)
              tail = string.sub(page, at + 4, at + 3 + tailLength)
              tails[#tails + 1] = tail
              at = at + 4 + tailLength
            else
              tail = tails[ref + 1]
            end
            if remove[string.sub(head, 1, 17)] then
              changed = true
              removed = removed + 1
            else
              kept[#kept + 1] = {head, tail}
            end
          end
          if changed then
            local out, seen, n = {'P'}, {}, 0
            for _, e in ipairs(kept) do
              out[#out + 1] = struct.pack('<i4', #e[1]) .. e[1]
              local index = seen[e[2]]
              if index then
                out[#out + 1] = struct.pack('<i4', index)
              else
                seen[e[2]] = n
                n = n + 1
                out[#out + 1] = struct.pack('<i4i4', -1, #e[2]) .. e[2]
              end
            end
            redis.call('LSET', KEYS[1], p - 1, table.concat(out))
            redis.call('LSET', KEYS[2], p - 1, #kept .. ' ' .. string.match(records[p], '%d+ (.*)'))
          end
        end
        if removed > 0 then
          local size = redis.call('DECRBY', KEYS[3], removed)
          if size < 0 then redis.call('SET', KEYS[3], 0) end
        end
        return removed
        """;
}
