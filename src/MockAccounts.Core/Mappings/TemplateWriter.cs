using System.Text;

namespace MockAccounts.Core.Mappings;

/// <summary>Where a template renders to: a string builder that reports every write to the render, which stops it past a limit.</summary>
internal sealed class TemplateWriter(TemplateRender render) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        render.Wrote(1);
        _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        render.Wrote(count);
        _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        render.Wrote(buffer.Length);
        _text.Append(buffer);
    }

    public override void Write(string? value)
    {
        render.Wrote(value?.Length ?? 0);
        _text.Append(value);
    }

    public override string ToString() => _text.ToString();
}
