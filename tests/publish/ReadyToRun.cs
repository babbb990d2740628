// Says whether each assembly given is a ReadyToRun image (precompiled code beside its IL) or IL only.
// Usage: dotnet run tests/publish/ReadyToRun.cs -- <expected: r2r|il> <assembly>...; exit 1 when one is not as expected.
using System.Reflection.PortableExecutable;

var expected = args[0];
var wrong = 0;
foreach (var path in args[1..])
{
    using var reader = new PEReader(File.OpenRead(path));
    // A ReadyToRun image declares its native code in the CLI header's ManagedNativeHeader directory.
    var readyToRun = reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    var actual = readyToRun ? "r2r" : "il";
    Console.WriteLine($"{Path.GetFileName(path)}: {actual}");
    wrong += actual == expected ? 0 : 1;
}

return wrong == 0 ? 0 : 1;
