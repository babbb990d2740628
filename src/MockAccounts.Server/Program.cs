using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Redis;

// MockAccounts__State__Redis shares the state with every replica on that Redis; unset, the state is the process's own.
return await MockAccountsHost.RunAsync(args, builder => builder.Services.AddMockAccountsRedis());
