using System.Text.RegularExpressions;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// A whole-value regular expression (WireMock's <c>matches</c>, <c>doesNotMatch</c> and URL patterns) whose every run
/// is bounded by the <see cref="MatchBudget"/> left. It runs on .NET's backtracking engine, cheap to build and to hold;
/// a run that takes longer than a short probe marks the pattern as one that backtracks badly, and from then on it runs
/// on the non-backtracking engine, in time linear in the input, wherever the pattern allows (no backreferences,
/// lookarounds or atomic groups). That engine is not the default because an instance costs milliseconds to build and
/// holds 50 to 700 KB once it has matched, against microseconds and 1.5 KB (docs/performance.md). A pattern it cannot
/// take runs with the budget left as its timeout. A <see cref="Regex"/> carries its timeout from construction, so the
/// expression keeps a backtracking instance per power of two of milliseconds, made when first needed.
/// </summary>
public sealed class TimedRegex
{
    private const int Timeouts = 17;

    /// <summary>A run on the backtracking engine longer than this marks the pattern as one for the linear engine.</summary>
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(16);

    private readonly string _anchored;
    private readonly Regex?[] _backtracking = new Regex?[Timeouts];
    private Regex? _linear;
    private volatile bool _linearUnsupported;

    private TimedRegex(string pattern, string anchored)
    {
        Pattern = pattern;
        _anchored = anchored;
    }

    /// <summary>The expression as written.</summary>
    public string Pattern { get; }

    /// <summary>Whether it now runs on the non-backtracking engine (time linear in the input), having backtracked too long once.</summary>
    public bool IsLinear => Volatile.Read(ref _linear) is not null;

    /// <summary>Compiles <paramref name="pattern"/> to match whole values; a malformed one is named in <paramref name="problems"/>.</summary>
    public static TimedRegex? Compile(string pattern, string where, List<string> problems)
    {
        var regex = new TimedRegex(pattern, $"\\A(?:{pattern})\\z");
        try
        {
            _ = regex.Backtracking(Probe);
            return regex;
        }
        catch (ArgumentException e)
        {
            problems.Add($"{where}: '{pattern}' is not a valid regular expression ({e.Message})");
            return null;
        }
    }

    /// <summary>Whether the expression matches the whole of <paramref name="value"/>, within what is left of <paramref name="budget"/>.</summary>
    /// <exception cref="MatchBudgetSpentException">The budget was spent before or during the run: there is no answer.</exception>
    /// <exception cref="OperationCanceledException">The client went away.</exception>
    public bool IsMatch(string value, MatchBudget budget)
    {
        budget.ThrowIfSpent();
        if (Volatile.Read(ref _linear) is { } linear)
        {
            return Run(linear, value, budget);
        }

        var remaining = budget.Remaining;
        try
        {
            return Backtracking(remaining < Probe ? remaining : Probe).IsMatch(value);
        }
        catch (RegexMatchTimeoutException) when (remaining > Probe)
        {
            // It backtracks badly on some inputs: from now on the linear engine takes it, if it can.
        }
        catch (RegexMatchTimeoutException)
        {
            throw Spent(budget);
        }

        if (Linear() is { } switched)
        {
            return Run(switched, value, budget);
        }

        budget.ThrowIfSpent();
        return Run(Backtracking(budget.Remaining), value, budget);
    }

    private static bool Run(Regex regex, string value, MatchBudget budget)
    {
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            throw Spent(budget);
        }
    }

    private static MatchBudgetSpentException Spent(MatchBudget budget)
    {
        budget.Cancellation.ThrowIfCancellationRequested();
        return new MatchBudgetSpentException(budget);
    }

    /// <summary>The backtracking instance whose timeout is the longest power of two of milliseconds within <paramref name="left"/>.</summary>
    private Regex Backtracking(TimeSpan left)
    {
        var index = left.TotalMilliseconds < 2 ? 0 : Math.Min(Timeouts - 1, (int)Math.Log2(left.TotalMilliseconds));
        return Volatile.Read(ref _backtracking[index])
            ?? (_backtracking[index] = new Regex(_anchored, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(1 << index)));
    }

    /// <summary>
    /// The one non-backtracking instance, made when the pattern first backtracked too long; null when the pattern needs
    /// backtracking. Its time is linear in the input, so one instance with a long timeout serves every budget.
    /// </summary>
    private Regex? Linear()
    {
        if (_linearUnsupported)
        {
            return null;
        }

        try
        {
            var linear = new Regex(_anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(1 << (Timeouts - 1)));
            return Interlocked.CompareExchange(ref _linear, linear, null) ?? linear;
        }
        catch (NotSupportedException)
        {
            _linearUnsupported = true;
            return null;
        }
    }
}
