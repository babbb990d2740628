using Microsoft.Extensions.Options;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Testing;

/// <summary>
/// Makes the host's options a <see cref="MockAccountsServerOptions"/>, so that the test's configure action runs
/// once, on the options bound from configuration, and can set the fixture's own logger and clock too.
/// </summary>
internal sealed class FixtureOptionsFactory : OptionsFactory<MockAccountsOptions>
{
    public FixtureOptionsFactory(
        IEnumerable<IConfigureOptions<MockAccountsOptions>> setups,
        IEnumerable<IPostConfigureOptions<MockAccountsOptions>> postConfigures,
        IEnumerable<IValidateOptions<MockAccountsOptions>> validations)
        : base(setups, postConfigures, validations)
    {
    }

    protected override MockAccountsOptions CreateInstance(string name) => new MockAccountsServerOptions();
}
