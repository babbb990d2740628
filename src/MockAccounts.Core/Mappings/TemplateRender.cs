namespace MockAccounts.Core.Mappings;

/// <summary>
/// One render of a stub's response templates (its body and headers together): the clock <c>now</c> reads, and the
/// limits on what it may write and how long it may take. Handlebars helpers and the model's collections reach the
/// render in progress on their thread (renders are synchronous), so a loop that writes nothing is bounded too.
/// </summary>
internal sealed class TemplateRender
{
    [ThreadStatic]
    private static TemplateRender? t_current;

    private readonly long _started;
    private int _written;

    public TemplateRender(TimeProvider time, TemplateLimits limits, CancellationToken cancellation)
    {
        Time = time;
        Limits = limits;
        Cancellation = cancellation;
        _started = time.GetTimestamp();
    }

    /// <summary>The render in progress on this thread, if any.</summary>
    public static TemplateRender? Current => t_current;

    public TimeProvider Time { get; }

    public TemplateLimits Limits { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>The time left for the render, for a helper's own timeouts (a JSONPath filter's regular expression).</summary>
    public TimeSpan Remaining => Limits.MaxRenderTime - Time.GetElapsedTime(_started);

    /// <summary>Makes this the render in progress on this thread until the returned scope is disposed.</summary>
    public Scope Enter() => new(this);

    /// <summary>Counts <paramref name="characters"/> more written, and stops the render past a limit.</summary>
    public void Wrote(int characters)
    {
        _written += characters;
        if (_written > Limits.MaxRenderedChars)
        {
            throw new TemplateLimitException(
                $"the response template rendered more than {Limits.MaxRenderedChars} characters ({Limits.MaxRenderedCharsSetting})", Limits.MaxRenderedCharsSetting);
        }

        Check();
    }

    /// <summary>Stops the render when its time is spent or the client has gone.</summary>
    public void Check()
    {
        Cancellation.ThrowIfCancellationRequested();
        if (Time.GetElapsedTime(_started) > Limits.MaxRenderTime)
        {
            throw new TemplateLimitException(
                $"the response template took longer than {Limits.MaxRenderTime.TotalMilliseconds:0.###} ms to render ({Limits.MaxRenderTimeSetting})", Limits.MaxRenderTimeSetting);
        }
    }

    /// <summary>Restores the render that was in progress before.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly TemplateRender? _previous;

        public Scope(TemplateRender render)
        {
            _previous = t_current;
            t_current = render;
        }

        public void Dispose() => t_current = _previous;
    }
}
