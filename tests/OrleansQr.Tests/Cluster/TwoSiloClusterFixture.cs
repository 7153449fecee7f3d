using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansQr.Caching;
using OrleansQr.Hosting;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Cluster;

/// <summary>Two in-process silos with the real grains, the native tier and a real redis-server as the shared cache.</summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public QrCodeRouting Routing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:redis"] = Redis.ConnectionString,
                ["Qr:Backend"] = "native",
                // Short, so the Redis-outage test sees caching resume within seconds.
                ["Qr:Cache:RedisRetryAfter"] = "00:00:00.500",
            });
            host.Services.AddOrleansQrGrainServices(host.Configuration);
        });
        Cluster = builder.Build();
        try
        {
            await Cluster.DeployAsync();
            Routing = new QrCodeRouting(Client);
        }
        catch
        {
            await Redis.DisposeAsync(); // the fixture is not disposed when its initialisation fails
            throw;
        }
    }

    /// <summary>Each silo's own counters, in silo order.</summary>
    public IReadOnlyList<QrMetrics> SiloMetrics() =>
        Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<QrMetrics>()).ToList();

    public long[] EncodesPerSilo() => SiloMetrics().Select(metrics => metrics.Encodes).ToArray();

    public Task<QrImage> GetAsync(string text) => GetAsync(new QrRequest(text));

    public Task<QrImage> GetAsync(QrRequest request) => Routing.EncoderFor(QrCacheKey.For(request)).GetAsync(request).AsTask();

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
