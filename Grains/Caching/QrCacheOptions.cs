namespace OrleansQr.Caching;

/// <summary>Settings of the hot-text cache, bound from <c>Qr:Cache</c>.</summary>
public sealed class QrCacheOptions
{
    public const string SectionName = "Qr:Cache";

    /// <summary><c>Qr__Cache__Enabled=false</c> encodes every request (the benchmarks' per-tier runs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The most PNG bytes one process keeps in memory; past it the least recently used go first. Each image
    /// also costs about 0.7 KB of cache bookkeeping (measured: 16 MiB held 44,000 images of the study's
    /// size in 47 MB of heap), so the default keeps the cache near 50 MB.
    /// </summary>
    public long MemoryBytes { get; set; } = 16L << 20;

    /// <summary>
    /// Whether the caches take a text on its first request. Off by default: a text is stored, in memory and
    /// in Redis, from its second request in a while, so one-off texts neither churn the heap nor fill Redis
    /// (a first request still reads both). Turn on when nearly every text comes back.
    /// </summary>
    public bool AdmitOnFirstRequest { get; set; }

    /// <summary>How long an image stays in the caches. The output never changes for a key, so this only bounds space.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long to leave Redis alone after it starts failing, before one request tries it again.</summary>
    public TimeSpan RedisRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one Redis operation may take; a slow cache must not slow the service.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
