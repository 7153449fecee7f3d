using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansQr.Tests.Support;

/// <summary>
/// The API in-process (TestServer) in its default embedded mode, so it hosts its own silo: each factory
/// gets free silo and gateway ports, so factories can run side by side. Settings override per test.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory() : this(new Dictionary<string, string?>())
    {
    }

    private ApiFactory(Dictionary<string, string?> settings) => _settings = settings;

    public ApiFactory With(string key, string? value) => new(new Dictionary<string, string?>(_settings) { [key] = value });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cluster:SiloPort", LoopbackPort.GetFree().ToString());
        builder.UseSetting("Cluster:GatewayPort", LoopbackPort.GetFree().ToString());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
