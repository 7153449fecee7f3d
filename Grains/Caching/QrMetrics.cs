using System.Diagnostics.Metrics;

namespace OrleansQr.Caching;

/// <summary>
/// What one process did with the requests it served, as OpenTelemetry-ready counters (meter
/// <c>OrleansQr</c>) and as totals that tests and benchmarks read directly.
/// </summary>
public sealed class QrMetrics
{
    public const string MeterName = "OrleansQr";

    private readonly Counter<long> _encodes;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _redisFailures;
    private long _encodeCount;
    private long _cacheHitCount;
    private long _redisFailureCount;

    public QrMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _encodes = meter.CreateCounter<long>("qr.encodes", description: "Images encoded by a backend");
        _cacheHits = meter.CreateCounter<long>("qr.cache.hits", description: "Requests served without encoding");
        _redisFailures = meter.CreateCounter<long>("qr.cache.redis.failures", description: "Redis operations that failed and were skipped");
    }

    public long Encodes => Interlocked.Read(ref _encodeCount);

    public long CacheHits => Interlocked.Read(ref _cacheHitCount);

    public long RedisFailures => Interlocked.Read(ref _redisFailureCount);

    public void Encoded(QrBackend backend)
    {
        Interlocked.Increment(ref _encodeCount);
        _encodes.Add(1, new KeyValuePair<string, object?>("backend", backend.ToString()));
    }

    public void CacheHit()
    {
        Interlocked.Increment(ref _cacheHitCount);
        _cacheHits.Add(1);
    }

    public void RedisFailed()
    {
        Interlocked.Increment(ref _redisFailureCount);
        _redisFailures.Add(1);
    }
}
