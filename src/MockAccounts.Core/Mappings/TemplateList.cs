using System.Collections;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// A list in a template's model (<c>request.pathSegments</c>) whose every step of iteration checks the render in
/// progress: three nested <c>{{#each}}</c> over a long URL stop at the render's time limit even when they write nothing.
/// Deliberately not an array or <see cref="IList{T}"/>, which Handlebars iterates without an enumerator.
/// </summary>
internal sealed class TemplateList(IReadOnlyList<string> items) : IEnumerable<string>
{
    /// <summary>One item by position (<c>request.pathSegments.[1]</c>).</summary>
    public string this[int index] => items[index];

    public int Count => items.Count;

    public IEnumerator<string> GetEnumerator()
    {
        foreach (var item in items)
        {
            TemplateRender.Current?.Check();
            yield return item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
