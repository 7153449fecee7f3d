using OrleansQr.Tests.Support;
using StackExchange.Redis;

namespace OrleansQr.Tests.Cluster;

/// <summary>The grains across two silos: work spreads, hot texts are not encoded again, Redis is optional at run time.</summary>
public sealed class TwoSiloClusterTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    [Fact]
    public async Task Cold_requests_are_encoded_on_both_silos()
    {
        var before = fixture.EncodesPerSilo();

        var texts = Enumerable.Range(0, 40).Select(i => $"cold text {i} of {nameof(Cold_requests_are_encoded_on_both_silos)}");
        await Task.WhenAll(texts.Select(fixture.GetAsync));

        var done = fixture.EncodesPerSilo().Zip(before, (after, start) => after - start).ToArray();
        Assert.Equal(40, done.Sum());
        Assert.All(done, count => Assert.True(count > 0, $"encodes per silo: {string.Join(", ", done)}; one silo did none"));
    }

    [Fact]
    public async Task Text_asked_for_twice_is_kept_and_not_encoded_again()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var request = new QrRequest($"hot text {Guid.NewGuid()}");

        var first = await fixture.GetAsync(request);
        var second = await fixture.GetAsync(request);
        Assert.True(await EventuallyInRedisAsync(redis, request), "the image was not written to Redis");
        var encodesAfterSecond = fixture.EncodesPerSilo().Sum();
        var third = await fixture.GetAsync(request);

        Assert.False(first.FromCache);
        Assert.False(second.FromCache);
        Assert.True(third.FromCache);
        Assert.Equal(second.Png, third.Png);
        Assert.Equal(encodesAfterSecond, fixture.EncodesPerSilo().Sum());
        Assert.Equal(request.Text, QrDecoder.Decode(third.Png));
    }

    [Fact]
    public async Task Text_asked_for_once_is_not_stored_in_redis()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var once = new QrRequest($"one-off text {Guid.NewGuid()}");
        var twice = new QrRequest($"repeated text {Guid.NewGuid()}");

        await fixture.GetAsync(once);
        await fixture.GetAsync(twice);
        await fixture.GetAsync(twice);

        // The repeated text's write shows the background writes have had their time.
        Assert.True(await EventuallyInRedisAsync(redis, twice), "the repeated text was not written to Redis");
        Assert.False(await IsInRedisAsync(redis, once));
    }

    [Fact]
    public async Task Concurrent_requests_for_one_new_text_meet_on_one_silo()
    {
        var text = $"stampede {Guid.NewGuid()}";
        var before = fixture.EncodesPerSilo();

        var images = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => fixture.GetAsync(text)));
        await fixture.GetAsync(text);
        var last = await fixture.GetAsync(text);

        // A text is encoded on its first request and once more when it comes back, which stores it;
        // concurrent requests share whichever encode is running (QrImageSourceTests pins that).
        var encodes = fixture.EncodesPerSilo().Zip(before, (end, start) => end - start).ToArray();
        Assert.Equal(2, encodes.Sum());
        Assert.Single(encodes, count => count > 0);
        Assert.All(images, image => Assert.Equal(images[0].Png, image.Png));
        Assert.True(last.FromCache);
    }

    [Fact]
    public async Task Client_errors_cross_the_grain_call_typed()
    {
        var error = await Assert.ThrowsAsync<QrEncodingException>(() => fixture.GetAsync(DecodeCorpus.TooLongForAnySymbol));

        Assert.Equal(QrEncodingError.TextTooLong, error.Error);
        Assert.True(error.IsClientError);
    }

    [Fact]
    public async Task Requests_succeed_while_redis_is_down_and_caching_resumes_when_it_returns()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var cachedBefore = new QrRequest($"before the outage {Guid.NewGuid()}");
        await fixture.GetAsync(cachedBefore);
        await fixture.GetAsync(cachedBefore); // kept from its second request
        Assert.True(await EventuallyInRedisAsync(redis, cachedBefore), "the image was not written to Redis");

        await fixture.Redis.StopAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var text = $"during the outage {i} {Guid.NewGuid()}";
                Assert.Equal(text, QrDecoder.Decode((await fixture.GetAsync(text)).Png));
            }
        }
        finally
        {
            await fixture.Redis.RestartAsync();
        }

        // The restarted server is empty; new images must reach it again once the silos reconnect. Both
        // silos must have reconnected before the other tests, which rely on Redis, run: 16 texts are
        // all on one silo once in 32,768 rounds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var requests = Enumerable.Range(0, 16).Select(i => new QrRequest($"after the outage {i} {Guid.NewGuid()}")).ToArray();
            foreach (var request in requests)
            {
                await fixture.GetAsync(request);
                await fixture.GetAsync(request);
            }

            if (await EventuallyInRedisAsync(redis, requests))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "caching in Redis did not resume on both silos within 60 s of its restart");
        }
    }

    /// <summary>The cache writes Redis in the background of the request, so the keys appear shortly after.</summary>
    private static async Task<bool> EventuallyInRedisAsync(ConnectionMultiplexer redis, params QrRequest[] requests)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if ((await Task.WhenAll(requests.Select(request => IsInRedisAsync(redis, request)))).All(stored => stored))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> IsInRedisAsync(ConnectionMultiplexer redis, QrRequest request)
    {
        try
        {
            return await redis.GetDatabase().KeyExistsAsync(QrCacheKey.For(request).ToString());
        }
        catch (RedisException)
        {
            return false; // the test's own connection is still reconnecting
        }
    }
}
