using System.Diagnostics;
using System.Runtime.CompilerServices;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Lru;
using MockAccounts.Core;
using MockAccounts.Core.Generation;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Bench;

/// <summary>
/// The response cache (our BoundedMap behind a doorkeeper) beside BitFaster.Caching's ConcurrentLru and ConcurrentLfu
/// (W-TinyLFU, whose sketch admits what the doorkeeper admits) on the access pattern of the 100,000-token load: two
/// threads, each request a look-up and, on a miss, an insert, tokens cycling over 100,000; and on one hot token.
/// Alternating rounds in one run; ns per request, hit rate, bytes per request, gen2 collections.
/// </summary>
internal static class CacheCost
{
    private const int Tokens = 100_000;
    private const int RequestsPerRound = 2_000_000;
    private const int Rounds = 5;

    public static async Task<int> RunAsync()
    {
        var snapshot = await ContractSnapshot.LoadAsync(ContractSources.Under(CoreCost.FindRoot()), GenerationOptions.StartingToday());
        var variant = snapshot.Variant("runloop");
        var step = variant.Catalogue.Default.StepAt(0);
        var entry = new ResponseCache.Entry(snapshot.Respond("runloop", "documented", "t", variant.Catalogue.Default.Name), []);
        var tokens = Enumerable.Range(0, Tokens).Select(i => $"tok-{i}").ToArray();
        var capacity = ResponseCache.DefaultCapacity;

        var candidates = new (string Name, Func<ICache> Create)[]
        {
            ("ResponseCache (BoundedMap + our doorkeeper)", () => new Ours(new ResponseCache(capacity), snapshot, variant.Account, step, entry)),
            ("BoundedMap alone (BitFaster LRU + our weight bound), every miss inserted", () => new Map(new BoundedMap<Key, ResponseCache.Entry>(capacity), snapshot, variant.Account, step, entry)),
            ("BitFaster ConcurrentLru", () => new Library(new ConcurrentLru<Key, ResponseCache.Entry>(capacity), snapshot, variant.Account, step, entry)),
            ("BitFaster ConcurrentLru behind the same doorkeeper", () => new LibraryAdmitted(new ConcurrentLru<Key, ResponseCache.Entry>(capacity), new Doorkeeper(capacity), snapshot, variant.Account, step, entry)),
            ("BitFaster ConcurrentLfu (W-TinyLFU)", () => new LibraryLfu(new ConcurrentLfu<Key, ResponseCache.Entry>(capacity), snapshot, variant.Account, step, entry)),
        };

        foreach (var (pattern, distinct) in new[] { ("100,000 tokens cycling", Tokens), ("one hot token", 1) })
        {
            var results = candidates.ToDictionary(c => c.Name, _ => new List<(double Ns, double Hits, double Bytes, int Gen2)>());
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (name, create) in candidates)
                {
                    results[name].Add(Run(create(), tokens, distinct));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{pattern}, capacity {capacity}, 2 threads, {RequestsPerRound:N0} requests a round, median of {Rounds} alternating rounds:");
            Console.WriteLine("| cache | ns per request | hit rate | bytes per request | gen2 per round | ratio to ours |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            var ours = Median(results[candidates[0].Name].Select(r => r.Ns));
            foreach (var (name, runs) in results)
            {
                var ns = Median(runs.Select(r => r.Ns));
                Console.WriteLine($"| {name} | {ns:F0} | {Median(runs.Select(r => r.Hits)):P1} | {Median(runs.Select(r => r.Bytes)):F1} | {Median(runs.Select(r => (double)r.Gen2)):F0} | {ns / ours:F2} |");
            }
        }

        return 0;
    }

    private static (double Ns, double Hits, double Bytes, int Gen2) Run(ICache cache, string[] tokens, int distinct)
    {
        var hits = 0L;
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, 2, thread =>
        {
            var mine = 0L;
            for (var i = thread; i < RequestsPerRound; i += 2)
            {
                mine += cache.Request(tokens[i % distinct]) ? 1 : 0;
            }

            Interlocked.Add(ref hits, mine);
        });
        return (clock.Elapsed.TotalNanoseconds / RequestsPerRound * 2, (double)hits / RequestsPerRound, (double)(GC.GetTotalAllocatedBytes() - allocated) / RequestsPerRound, GC.CollectionCount(2) - gen2);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private interface ICache
    {
        /// <summary>One request's use of the cache: a look-up, then an insert on a miss; true on a hit.</summary>
        bool Request(string token);
    }

    private sealed class Ours(ResponseCache cache, ContractSnapshot snapshot, Core.Contracts.OperationContract operation, Core.Scenarios.ResponseStep step, ResponseCache.Entry entry) : ICache
    {
        public bool Request(string token)
        {
            if (cache.TryGet(snapshot, operation, step, token, null, out _))
            {
                return true;
            }

            cache.Add(snapshot, operation, step, token, null, entry);
            return false;
        }
    }

    private sealed class Map(BoundedMap<Key, ResponseCache.Entry> cache, ContractSnapshot snapshot, Core.Contracts.OperationContract operation, Core.Scenarios.ResponseStep step, ResponseCache.Entry entry) : ICache
    {
        public bool Request(string token)
        {
            var key = new Key(snapshot, operation, step, token);
            if (cache.TryGetValue(key, out _))
            {
                return true;
            }

            cache.GetOrAdd(key, entry);
            return false;
        }
    }

    private sealed class Library(ConcurrentLru<Key, ResponseCache.Entry> cache, ContractSnapshot snapshot, Core.Contracts.OperationContract operation, Core.Scenarios.ResponseStep step, ResponseCache.Entry entry) : ICache
    {
        public bool Request(string token)
        {
            var key = new Key(snapshot, operation, step, token);
            if (cache.TryGet(key, out _))
            {
                return true;
            }

            cache.AddOrUpdate(key, entry);
            return false;
        }
    }

    private sealed class LibraryAdmitted(ConcurrentLru<Key, ResponseCache.Entry> cache, Doorkeeper doorkeeper, ContractSnapshot snapshot, Core.Contracts.OperationContract operation, Core.Scenarios.ResponseStep step, ResponseCache.Entry entry) : ICache
    {
        public bool Request(string token)
        {
            var key = new Key(snapshot, operation, step, token);
            if (cache.TryGet(key, out _))
            {
                return true;
            }

            if (doorkeeper.SeenBefore(key.GetHashCode()))
            {
                cache.AddOrUpdate(key, entry);
            }

            return false;
        }
    }

    /// <summary>ResponseCache's admission, reproduced so a library map can sit behind the same filter.</summary>
    private sealed class Doorkeeper(int capacity)
    {
        private const int Bits = 1 << 18;
        private readonly ulong[] _seen = new ulong[Bits / 64];
        private readonly int _window = Math.Max(2 * capacity, 1024);
        private int _misses;

        public bool SeenBefore(int hash)
        {
            if (Interlocked.Increment(ref _misses) % _window == 0)
            {
                Array.Clear(_seen);
            }

            var bit = (uint)hash % Bits;
            var mask = 1UL << (int)(bit % 64);
            return (Interlocked.Or(ref _seen[bit / 64], mask) & mask) != 0;
        }
    }

    private sealed class LibraryLfu(ConcurrentLfu<Key, ResponseCache.Entry> cache, ContractSnapshot snapshot, Core.Contracts.OperationContract operation, Core.Scenarios.ResponseStep step, ResponseCache.Entry entry) : ICache
    {
        public bool Request(string token)
        {
            var key = new Key(snapshot, operation, step, token);
            if (cache.TryGet(key, out _))
            {
                return true;
            }

            cache.AddOrUpdate(key, entry);
            return false;
        }
    }

    /// <summary>The response cache's key: the same references and token, compared the same way.</summary>
    private readonly struct Key(object snapshot, object operation, object step, string token) : IEquatable<Key>
    {
        private readonly object _snapshot = snapshot;
        private readonly object _operation = operation;
        private readonly object _step = step;
        private readonly string _token = token;

        public bool Equals(Key other) =>
            ReferenceEquals(_snapshot, other._snapshot) && ReferenceEquals(_operation, other._operation) && ReferenceEquals(_step, other._step)
            && string.Equals(_token, other._token, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            RuntimeHelpers.GetHashCode(_snapshot), RuntimeHelpers.GetHashCode(_operation), RuntimeHelpers.GetHashCode(_step), StringComparer.Ordinal.GetHashCode(_token));
    }
}
