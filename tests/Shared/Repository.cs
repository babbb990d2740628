namespace MockAccounts.Tests.Support;

/// <summary>Where the repository and the test data are, for every test project.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string TestData(params string[] parts) =>
        Path.Combine([TestContext.CurrentContext.TestDirectory, "TestData", .. parts]);

    /// <summary>A private copy of a folder's schemas/ and mocks/, for tests that edit or break files.</summary>
    /// <param name="source">A contract folder (holding schemas/ and mocks/).</param>
    /// <param name="target">A contract folder to add the files to (a vendor added while a server runs); default: a new one.</param>
    public static string CopyOf(string source, string? target = null)
    {
        target ??= Path.Combine(Path.GetTempPath(), "mockaccounts-tests", Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "schemas", "mocks" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(source, folder), "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }

        return target;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MockAccounts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MockAccounts.sln not found above the test directory");
    }
}
