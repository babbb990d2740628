using MockAccounts.Server.Hosting;

return args is [HealthProbe.Flag, ..]
    ? await HealthProbe.RunAsync(args[1..])
    : await MockAccountsHost.RunAsync(args);
