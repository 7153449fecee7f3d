using OrleansQr.Caching;

namespace OrleansQr.Tests.Caching;

/// <summary>The caches' doorkeeper: it remembers added keys, in a bounded window.</summary>
public sealed class RecentKeyFilterTests
{
    private const int Window = 1024;

    [Fact]
    public void Key_is_unknown_until_added()
    {
        var filter = new RecentKeyFilter(Window);
        var key = Key("https://tourofrust.com");

        Assert.False(filter.Contains(key));
        filter.Add(key);
        Assert.True(filter.Contains(key));
        filter.Add(key);
        Assert.True(filter.Contains(key));
    }

    [Fact]
    public void Key_is_remembered_for_at_least_the_window()
    {
        var filter = new RecentKeyFilter(Window);
        var key = Key("remembered");
        filter.Add(key);

        AddAll(filter, Keys("between", Window - 1));

        Assert.True(filter.Contains(key));
    }

    [Fact]
    public void Key_is_forgotten_once_enough_other_keys_follow()
    {
        var filter = new RecentKeyFilter(Window);
        var key = Key("forgotten");
        filter.Add(key);

        // Two windows drop it; a third covers keys that collided on the way and so did not count.
        AddAll(filter, Keys("later", 3 * Window));

        Assert.False(filter.Contains(key));
    }

    [Fact]
    public void Few_keys_never_added_are_taken_for_added_ones()
    {
        var filter = new RecentKeyFilter(Window);
        AddAll(filter, Keys("filling", Window - 1));

        // At 8 bits per key and two probes a full filter mistakes about 5% of other keys.
        var mistaken = Keys("never added", 1000).Count(filter.Contains);

        Assert.InRange(mistaken, 0, 100);
    }

    [Fact]
    public async Task Concurrent_adds_are_all_remembered()
    {
        var filter = new RecentKeyFilter(Window);
        var keys = Keys("concurrent", Window / 2).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => AddAll(filter, keys))));

        Assert.All(keys, key => Assert.True(filter.Contains(key)));
    }

    private static void AddAll(RecentKeyFilter filter, IEnumerable<QrCacheKey> keys)
    {
        foreach (var key in keys)
        {
            filter.Add(key);
        }
    }

    private static QrCacheKey Key(string text) => QrCacheKey.For(new QrRequest(text));

    private static IEnumerable<QrCacheKey> Keys(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => Key($"https://example.com/{prefix}/{i}"));
}
