using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansQr.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="QrImageSource"/> with its caches: memory bounded in bytes (<c>Qr:Cache:MemoryBytes</c>)
    /// and, when <c>ConnectionStrings:redis</c> is set, Redis shared by every silo.
    /// </summary>
    public static IServiceCollection AddQrImageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QrCacheOptions>().BindConfiguration(QrCacheOptions.SectionName);
        services.AddMetrics();
        services.AddSingleton<QrMetrics>();
        services.AddSingleton<QrImageSource>();

        // HybridCache sizes each memory entry by its bytes, so this bound is in bytes of PNG.
        services.AddOptions<MemoryCacheOptions>()
            .Configure<IOptions<QrCacheOptions>>((memory, cache) => memory.SizeLimit = cache.Value.MemoryBytes);
        services.AddHybridCache(hybrid =>
        {
            hybrid.MaximumPayloadBytes = 1 << 20;
            hybrid.MaximumKeyLength = 128;
        });

        var redis = configuration.GetConnectionString("redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IDistributedCache>(sp => new RedisImageStore(
                redis, sp.GetRequiredService<IOptions<QrCacheOptions>>(), sp.GetRequiredService<QrMetrics>(), sp.GetRequiredService<ILogger<RedisImageStore>>()));
        }

        return services;
    }
}
