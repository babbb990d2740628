using System.Runtime.CompilerServices;

namespace MockAccounts.Core.Contracts;

/// <summary>
/// A variant's operations by method and path template, built once per operation list: every request looks its
/// operation up, and scanning a published spec's 1,000 operations cost it 1.4-2.2 µs (docs/performance.md).
/// Keyed by the list's identity, so a copy of the variant with other operations gets an index of its own.
/// </summary>
internal static class OperationIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<OperationContract>, Dictionary<(string Method, string Path), OperationContract>> Indexes = [];

    /// <summary>The first operation of <paramref name="operations"/> with exactly this method and path template, or null.</summary>
    public static OperationContract? Find(IReadOnlyList<OperationContract> operations, string method, string path) =>
        Indexes.GetValue(operations, Build).GetValueOrDefault((method, path));

    private static Dictionary<(string Method, string Path), OperationContract> Build(IReadOnlyList<OperationContract> operations)
    {
        var index = new Dictionary<(string Method, string Path), OperationContract>(operations.Count);
        foreach (var operation in operations)
        {
            index.TryAdd((operation.Method, operation.Path), operation);
        }

        return index;
    }
}
