using System.Globalization;
using MockAccounts.Core.Runtime;
using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>
/// Changes and counts on Redis. A change is one script (the next version, the state hash's fields, the publication), then
/// a wait until every live replica has applied that version (bounded by <c>State:ReplicaWait</c>); a count is one script
/// (an atomic claim within its epoch; concurrent claims on one counter share it, see <see cref="CountClaims"/>). Nothing
/// here runs for a request whose state is unchanged.
/// </summary>
internal sealed class RedisSharedState : ISharedState
{
    private readonly RedisReplica _replica;
    private readonly RedisKey[] _writeKeys;
    private readonly RedisKey[] _countKeys;
    private readonly CountClaims _claims;

    public RedisSharedState(RedisReplica replica)
    {
        _replica = replica;
        _writeKeys = [_replica.Keys.Version, _replica.Keys.State, _replica.Keys.Counters, _replica.Keys.Replicas];
        _countKeys = [_replica.Keys.Counters];
        _claims = new CountClaims(CountAsync);
    }

    public async ValueTask ShareAsync(StateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!_replica.Connected)
        {
            throw _replica.Unavailable("the change was not made");
        }

        var fields = ChangeCodec.Fields(change);
        var args = new List<RedisValue>(4 + (3 * fields.Count))
        {
            _replica.Keys.Changes.ToString(), ChangeCodec.ToJson(change), RedisScripts.LiveMilliseconds, fields.Count,
        };
        foreach (var (op, field, value) in fields)
        {
            args.Add(op);
            args.Add(field);
            args.Add(value);
        }

        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await _replica.Database.ScriptEvaluateAsync(RedisScripts.Write, _writeKeys, [.. args]).ConfigureAwait(false))!;
        }
        catch (RedisException e)
        {
            throw _replica.Unavailable("the change was not made", e);
        }

        var version = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
        // This replica too: its own view has the change before the caller is answered.
        var live = result.Skip(1).Select(r => (string)r!).Append(_replica.Id).Distinct(StringComparer.Ordinal).ToArray();
        var lagging = await _replica.Changes.WaitAsync(version, live, _replica.Options.ReplicaWait, _replica.Time, cancellationToken).ConfigureAwait(false);
        if (lagging.Count > 0)
        {
            ReplicaLag.Report(lagging);
        }
    }

    public ValueTask<long> NextAsync(SharedCounter counter) => _claims.NextAsync(counter);

    public async ValueTask<long> PeekAsync(SharedCounter counter) => (await CountAsync(counter, 0).ConfigureAwait(false)).First;

    /// <summary>Claims <paramref name="claims"/> positions in one step (0: only reads); returns the first, and whether they were claimed.</summary>
    private async Task<(long First, bool Claimed)> CountAsync(SharedCounter counter, int claims)
    {
        if (!_replica.Connected)
        {
            throw _replica.Unavailable("the count was made on this replica alone");
        }

        try
        {
            var result = await _replica.Database.ScriptEvaluateAsync(
                RedisScripts.Count, _countKeys, [ChangeCodec.CounterField(counter), counter.Epoch, counter.Scenario, claims]).ConfigureAwait(false);
            var values = (RedisResult[])result!;
            return ((long)values[0], (long)values[1] == 1);
        }
        catch (RedisException e)
        {
            throw _replica.Unavailable("the count was made on this replica alone", e);
        }
    }
}
