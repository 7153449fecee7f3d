using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using OrleansQr.Encoders;

namespace OrleansQr.Caching;

/// <summary>
/// Where an encoder grain gets its images: the two-level cache (this process's memory, then Redis
/// when configured) and, on a miss, the configured tier. HybridCache runs one encode per key at a
/// time in this process; routing sends each key to one silo, which makes that one encode cluster-wide.
/// The caches take a text from its second request (<see cref="QrCacheOptions.AdmitOnFirstRequest"/>).
/// </summary>
public sealed class QrImageSource(IQrEncoder encoder, HybridCache cache, QrMetrics metrics, IOptions<QrCacheOptions> options)
{
    /// <summary>A typical PNG (the study's URLs average 380 B), to turn the memory budget into a count of texts.</summary>
    private const int TypicalImageBytes = 400;

    private readonly QrCacheOptions _options = options.Value;

    private readonly HybridCacheEntryOptions _entryOptions = new()
    {
        Expiration = options.Value.TimeToLive,
        LocalCacheExpiration = options.Value.TimeToLive,
    };

    // A first request still looks in both caches (another silo, or this one before a restart, may have
    // kept the text), but stores nothing.
    private readonly HybridCacheEntryOptions _lookUpOnlyEntryOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    // Remembers about as many texts as memory can hold: a text asked for again before the cache would
    // have evicted it anyway is worth keeping.
    private readonly RecentKeyFilter _recentKeys = new((int)Math.Min(options.Value.MemoryBytes / TypicalImageBytes, 1 << 24));

    public async ValueTask<QrImage> GetAsync(QrRequest request, CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return new QrImage(await EncodeAsync(request, cancellationToken), FromCache: false);
        }

        var key = QrCacheKey.For(request);
        // HybridCache coalesces only callers that pass the same flags, so a first request's key is recorded
        // when its encode is done, not when it arrives: requests arriving meanwhile also count as first and
        // share that encode, and those arriving later count as second and share the one that stores it.
        var keep = _options.AdmitOnFirstRequest || _recentKeys.Contains(key);
        var encodedHere = false;
        var png = await cache.GetOrCreateAsync(
            key.ToString(),
            async ct =>
            {
                encodedHere = true;
                var encoded = await EncodeAsync(request, ct);
                if (!keep)
                {
                    _recentKeys.Add(key);
                }

                return encoded;
            },
            keep ? _entryOptions : _lookUpOnlyEntryOptions,
            cancellationToken: cancellationToken);

        if (!keep)
        {
            _recentKeys.Add(key); // also when a first request was served from Redis
        }

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
