using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Testing;

/// <summary>
/// Where the fixture finds a relative contract folder (<c>o.ExtraContracts = ["team-contracts"]</c>): beside the test
/// assembly, where a folder copied to the output lands, else in the test project, where the folder usually lives (the
/// nearest folder above the test assembly holding a project file). A folder found nowhere fails the start with the
/// absolute paths looked at and how to copy it to the output.
/// </summary>
internal sealed class ContractFolders : IPostConfigureOptions<MockAccountsOptions>
{
    private static readonly string[] ProjectFiles = ["*.csproj", "*.fsproj", "*.vbproj"];

    private readonly string _output;
    private readonly string? _project;

    public ContractFolders()
    {
        _output = AppContext.BaseDirectory;
        _project = ProjectFolder(_output);
    }

    public void PostConfigure(string? name, MockAccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Contracts is { } contracts)
        {
            options.Contracts = Resolve($"{MockAccountsOptions.Section}:Contracts", contracts, problems);
        }

        options.ExtraContracts = options.ExtraContracts.Select((folder, i) => Resolve($"{MockAccountsOptions.Section}:ExtraContracts:{i}", folder, problems)).ToArray();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(MockAccountsOptions), problems);
        }
    }

    private string Resolve(string setting, string folder, List<string> problems)
    {
        if (Path.IsPathRooted(folder))
        {
            return folder;
        }

        var tried = new[] { Path.GetFullPath(folder, _output), _project is null ? null : Path.GetFullPath(folder, _project) }.OfType<string>().ToArray();
        if (tried.FirstOrDefault(Directory.Exists) is { } found)
        {
            return found;
        }

        var where = _project is null
            ? $"looked for {tried[0]} (beside the test assembly; no project file in the folders above it)"
            : $"looked for {tried[0]} (beside the test assembly) and {tried[1]} (in the test project)";
        problems.Add($"{setting}: folder '{folder}' does not exist: {where}. Keep it in the test project, or copy it beside the tests with "
            + $"<None Include=\"{folder.TrimEnd('/', '\\')}/**\" CopyToOutputDirectory=\"PreserveNewest\" /> in the test project file");
        return folder;
    }

    private static string? ProjectFolder(string output)
    {
        for (var folder = new DirectoryInfo(output); folder is not null; folder = folder.Parent)
        {
            if (ProjectFiles.Any(pattern => folder.EnumerateFiles(pattern).Any()))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
