using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace OrleansQr.Caching;

/// <summary>
/// The shared, second-level cache: PNGs in Redis, seen by every silo. A cache must never fail a
/// request, so every failure reads as a miss and every failed write is dropped; a circuit breaker
/// stops calling Redis while it is down (logging once as it opens and once as it closes), and one
/// trial call after <see cref="QrCacheOptions.RedisRetryAfter"/> lets caching resume when Redis returns.
/// </summary>
public sealed partial class RedisImageStore : IDistributedCache, IDisposable
{
    private readonly ConnectionMultiplexer _redis;
    private readonly ResiliencePipeline _breaker;
    private readonly QrMetrics _metrics;
    private readonly ILogger<RedisImageStore> _logger;

    public RedisImageStore(string connectionString, IOptions<QrCacheOptions> options, QrMetrics metrics, ILogger<RedisImageStore> logger)
    {
        _metrics = metrics;
        _logger = logger;

        var settings = ConfigurationOptions.Parse(connectionString);
        settings.AbortOnConnectFail = false; // start even when Redis is down; reconnect in the background
        settings.ConnectTimeout = (int)options.Value.RedisTimeout.TotalMilliseconds;
        settings.AsyncTimeout = (int)options.Value.RedisTimeout.TotalMilliseconds;
        settings.SyncTimeout = (int)options.Value.RedisTimeout.TotalMilliseconds;
        settings.ReconnectRetryPolicy = new LinearRetry((int)options.Value.RedisRetryAfter.TotalMilliseconds);
        _redis = ConnectionMultiplexer.Connect(settings);

        _breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>(),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.Value.RedisRetryAfter,
                OnOpened = args =>
                {
                    LogRedisDown(args.Outcome.Exception?.Message, options.Value.RedisRetryAfter.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogRedisBack();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await TryAsync(async ct => (byte[]?)await _redis.GetDatabase().StringGetAsync(key), token);

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        await TryAsync(async ct => TimeToLive(options) is { } ttl
            ? await _redis.GetDatabase().StringSetAsync(key, value, ttl)
            : await _redis.GetDatabase().StringSetAsync(key, value), token);

    public async Task RemoveAsync(string key, CancellationToken token = default) =>
        await TryAsync(async ct => await _redis.GetDatabase().KeyDeleteAsync(key), token);

    /// <summary>Entries have an absolute lifetime; nothing slides.</summary>
    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public void Refresh(string key)
    {
    }

    public void Dispose() => _redis.Dispose();

    private static TimeSpan? TimeToLive(DistributedCacheEntryOptions options) =>
        options.AbsoluteExpirationRelativeToNow ?? (options.AbsoluteExpiration - DateTimeOffset.UtcNow);

    /// <summary>Runs a Redis call through the breaker; any failure, or an open breaker, yields default.</summary>
    private async Task<T?> TryAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken token)
    {
        try
        {
            return await _breaker.ExecuteAsync(call, token);
        }
        catch (BrokenCircuitException)
        {
            return default; // Redis is known to be down; already logged when the breaker opened.
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _metrics.RedisFailed();
            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cache unavailable ({Reason}); serving without it, next try in {Seconds} s")]
    private partial void LogRedisDown(string? reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis cache is back; caching resumes")]
    private partial void LogRedisBack();
}
