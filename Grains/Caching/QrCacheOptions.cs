namespace OrleansQr.Caching;

/// <summary>Settings of the hot-text cache, bound from <c>Qr:Cache</c>.</summary>
public sealed class QrCacheOptions
{
    public const string SectionName = "Qr:Cache";

    /// <summary><c>Qr__Cache__Enabled=false</c> encodes every request (the benchmarks' per-tier runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most PNG bytes one process keeps in memory; past it the least recently used go first.</summary>
    public long MemoryBytes { get; set; } = 64L << 20;

    /// <summary>How long an image stays in the caches. The output never changes for a key, so this only bounds space.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long to leave Redis alone after it starts failing, before one request tries it again.</summary>
    public TimeSpan RedisRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one Redis operation may take; a slow cache must not slow the service.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
