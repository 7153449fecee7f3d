namespace OrleansQr.Tests.Support;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The tier-4 server that <c>make native</c> builds.</summary>
    public static string QrServer => Path.Combine(Root, "native", "target", "release", "qr-server");

    /// <summary>The silo host, built in the same configuration as this test assembly.</summary>
    public static string SiloDll => BuiltDll("Silo", "OrleansQr.Silo.dll");

    /// <summary>The API, built in the same configuration as this test assembly.</summary>
    public static string ApiDll => BuiltDll("Api", "OrleansQr.Api.dll");

    /// <summary>Debug or Release: the folder name above this assembly's target framework folder.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    private static string BuiltDll(string project, string dll) => Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansQr.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no OrleansQr.sln above {AppContext.BaseDirectory}");
    }
}
