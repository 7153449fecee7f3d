using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using OrleansQr.Caching;
using OrleansQr.Encoders;

namespace OrleansQr.Hosting;

/// <summary>The set-up shared by the silo host and the API: grains' services, silo and client clustering.</summary>
public static class OrleansQrHosting
{
    /// <summary>What the encoder grains need on every silo: the tiers and the cache.</summary>
    public static IServiceCollection AddOrleansQrGrainServices(this IServiceCollection services, IConfiguration configuration) =>
        services.AddQrEncoders().AddQrImageCache(configuration);

    public static ClusterSettings GetClusterSettings(this IConfiguration configuration) =>
        configuration.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>() ?? new ClusterSettings();

    /// <summary>
    /// A silo of the OrleansQr cluster. With <c>ConnectionStrings:redis</c> it joins every silo that
    /// uses the same Redis and cluster id; without, it is a cluster of one on loopback.
    /// </summary>
    public static ISiloBuilder AddOrleansQrSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetClusterSettings();
        var redis = configuration.GetConnectionString("redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        }
        else
        {
            silo.UseRedisClustering(redis)
                .ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, settings.ListenOnAnyAddress);
        }

        silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ServiceId));
        // The encoder grains are stateless workers, which the grain directory never holds; its location
        // cache, sized for a million grains by default, held 19 MB of the 24 MB live heap (gcdump) for nothing.
        silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = 10_000);
        silo.Services.AddOrleansQrGrainServices(configuration);
        return silo;
    }

    /// <summary>A client of a Redis-clustered set of silos; it keeps trying to connect while they start.</summary>
    public static IClientBuilder AddOrleansQrClient(this IClientBuilder client, IConfiguration configuration)
    {
        var settings = configuration.GetClusterSettings();
        var redis = configuration.GetConnectionString("redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException("Cluster:Mode=Client needs ConnectionStrings:redis, where the silos register themselves");
        }

        return client.UseRedisClustering(redis)
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ServiceId))
            // Learn of restarted or added silos within seconds, not the default minute.
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
            .UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
    }
}
