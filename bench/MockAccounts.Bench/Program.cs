using MockAccounts.Bench;

return args.FirstOrDefault() switch
{
    "fixture" => await FixtureCost.RunAsync(),
    "core" => await CoreCost.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/MockAccounts.Bench -- fixture");
    return 2;
}
