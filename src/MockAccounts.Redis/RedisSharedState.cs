using System.Globalization;
using MockAccounts.Core.Runtime;
using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>
/// Changes and counts on Redis. A change is one script (the next version, the state hash's fields, the publication), then
/// a wait until every live replica has applied that version (bounded by <c>State:ReplicaWait</c>); a count is one script
/// (an atomic claim within its epoch). Nothing here runs for a request whose state is unchanged.
/// </summary>
internal sealed class RedisSharedState(RedisReplica replica) : ISharedState
{
    private readonly RedisKey[] _writeKeys = [replica.Keys.Version, replica.Keys.State, replica.Keys.Counters, replica.Keys.Replicas];
    private readonly RedisKey[] _countKeys = [replica.Keys.Counters];

    public async ValueTask ShareAsync(StateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!replica.Connected)
        {
            throw replica.Unavailable("the change was not made");
        }

        var fields = ChangeCodec.Fields(change);
        var args = new List<RedisValue>(4 + (3 * fields.Count))
        {
            replica.Keys.Changes.ToString(), ChangeCodec.ToJson(change), RedisScripts.LiveMilliseconds, fields.Count,
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
            result = (RedisResult[])(await replica.Database.ScriptEvaluateAsync(RedisScripts.Write, _writeKeys, [.. args]).ConfigureAwait(false))!;
        }
        catch (RedisException e)
        {
            throw replica.Unavailable("the change was not made", e);
        }

        var version = long.Parse((string)result[0]!, CultureInfo.InvariantCulture);
        // This replica too: its own view has the change before the caller is answered.
        var live = result.Skip(1).Select(r => (string)r!).Append(replica.Id).Distinct(StringComparer.Ordinal).ToArray();
        var lagging = await replica.Changes.WaitAsync(version, live, replica.Options.ReplicaWait, replica.Time, cancellationToken).ConfigureAwait(false);
        if (lagging.Count > 0)
        {
            ReplicaLag.Report(lagging);
        }
    }

    public ValueTask<long> NextAsync(SharedCounter counter) => CountAsync(counter, claim: true);

    public ValueTask<long> PeekAsync(SharedCounter counter) => CountAsync(counter, claim: false);

    private async ValueTask<long> CountAsync(SharedCounter counter, bool claim)
    {
        if (!replica.Connected)
        {
            throw replica.Unavailable("the count was made on this replica alone");
        }

        try
        {
            var result = await replica.Database.ScriptEvaluateAsync(
                RedisScripts.Count, _countKeys, [ChangeCodec.CounterField(counter), counter.Epoch, counter.Scenario, claim ? 1 : 0]).ConfigureAwait(false);
            return (long)result;
        }
        catch (RedisException e)
        {
            throw replica.Unavailable("the count was made on this replica alone", e);
        }
    }
}
