using OrleansQr.Caching;

namespace OrleansQr.Tests.Caching;

/// <summary>The memory cache's doorkeeper: a key counts from its second request, within a bounded window.</summary>
public sealed class RecentKeyFilterTests
{
    private const int Window = 1024;

    [Fact]
    public void Key_is_new_on_its_first_request_and_seen_on_its_second()
    {
        var filter = new RecentKeyFilter(Window);
        var key = Key("https://github.com/pretzelhammer/rust-blog");

        Assert.False(filter.SeenBefore(key));
        Assert.True(filter.SeenBefore(key));
        Assert.True(filter.SeenBefore(key));
    }

    [Fact]
    public void Key_is_remembered_for_at_least_the_window()
    {
        var filter = new RecentKeyFilter(Window);
        var key = Key("remembered");
        filter.SeenBefore(key);

        foreach (var other in Keys("between", Window - 1))
        {
            filter.SeenBefore(other);
        }

        Assert.True(filter.SeenBefore(key));
    }

    [Fact]
    public void Key_is_forgotten_once_enough_other_keys_follow()
    {
        var filter = new RecentKeyFilter(Window);
        var key = Key("forgotten");
        filter.SeenBefore(key);

        // Two windows drop it; a third covers keys that collided on the way and so did not count.
        foreach (var other in Keys("later", 3 * Window))
        {
            filter.SeenBefore(other);
        }

        Assert.False(filter.SeenBefore(key));
    }

    [Fact]
    public void Few_new_keys_are_taken_for_seen_ones()
    {
        var filter = new RecentKeyFilter(Window);
        foreach (var key in Keys("filling", Window - 1))
        {
            filter.SeenBefore(key);
        }

        // At 8 bits per key and two probes a full filter mistakes about 5% of new keys; a half-empty one fewer.
        var mistaken = Keys("new", 1000).Count(filter.SeenBefore);

        Assert.InRange(mistaken, 0, 100);
    }

    [Fact]
    public async Task Concurrent_first_requests_record_every_key()
    {
        var filter = new RecentKeyFilter(Window);
        var keys = Keys("concurrent", Window / 2).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            foreach (var key in keys)
            {
                filter.SeenBefore(key);
            }
        })));

        Assert.All(keys, key => Assert.True(filter.SeenBefore(key)));
    }

    private static QrCacheKey Key(string text) => QrCacheKey.For(new QrRequest(text));

    private static IEnumerable<QrCacheKey> Keys(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => Key($"https://example.com/{prefix}/{i}"));
}
