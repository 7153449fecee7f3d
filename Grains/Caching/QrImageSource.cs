using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using OrleansQr.Encoders;

namespace OrleansQr.Caching;

/// <summary>
/// Where an encoder grain gets its images: the two-level cache (this process's memory, then Redis
/// when configured) and, on a miss, the configured tier. HybridCache runs one encode per key at a
/// time in this process; routing sends each key to one silo, which makes that one encode cluster-wide.
/// </summary>
public sealed class QrImageSource(IQrEncoder encoder, HybridCache cache, QrMetrics metrics, IOptions<QrCacheOptions> options)
{
    private readonly QrCacheOptions _options = options.Value;

    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = options.Value.TimeToLive,
        LocalCacheExpiration = options.Value.TimeToLive,
    };

    public async ValueTask<QrImage> GetAsync(QrRequest request, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return new QrImage(await EncodeAsync(request, cancellationToken), FromCache: false);
        }

        var encodedHere = false;
        var png = await cache.GetOrCreateAsync(
            QrCacheKey.For(request).ToString(),
            async ct =>
            {
                encodedHere = true;
                return await EncodeAsync(request, ct);
            },
            _entryOptions,
            cancellationToken: cancellationToken);

        if (!encodedHere)
        {
            metrics.CacheHit();
        }

        return new QrImage(png, FromCache: !encodedHere);
    }

    private async ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken)
    {
        var png = await encoder.EncodeAsync(request, cancellationToken);
        metrics.Encoded(encoder.Backend);
        return png;
    }
}
