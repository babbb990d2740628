namespace System.Runtime.CompilerServices;

/// <summary>Lets records compile for netstandard2.0, which the compiler needs to load an analyzer (the runtime type exists from .NET 5).</summary>
internal static class IsExternalInit
{
}
