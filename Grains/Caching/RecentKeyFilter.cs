using System.Buffers.Binary;
using System.Numerics;

namespace OrleansQr.Caching;

/// <summary>
/// Remembers, in fixed memory, which cache keys were asked for recently, so the caches can take a text on
/// its second request instead of its first (TinyLFU's "doorkeeper"; nginx's <c>proxy_cache_min_uses 2</c>).
/// Most texts of a cold or long-tail load are asked for once: kept, each would cost a memory entry that
/// lives long enough to reach the GC's oldest generation and is then evicted unused, growing the heap
/// without serving anything, and a Redis write.
/// </summary>
/// <remarks>
/// Two Bloom filters take turns. Keys go into the current one; once it holds <c>window</c> keys, the
/// older one is dropped and a new one started, so "recently" means within the last <c>window</c> to
/// 2 × <c>window</c> distinct keys. With 8 bits per key and two probes about 5% of keys never added are
/// taken for added ones, which only admits a one-off text early. A race while turning over can lose a
/// key, which costs one more encode, never a wrong image.
/// </remarks>
public sealed class RecentKeyFilter
{
    private const int BitsPerKey = 8;

    private readonly int _window;
    private readonly int _wordCount;
    private readonly Lock _turnover = new();
    private Generation _current;
    private Generation _previous;

    /// <param name="window">Distinct keys the filter remembers at least; at least 1,024.</param>
    public RecentKeyFilter(int window)
    {
        _window = Math.Max(window, 1024);
        var bits = BitOperations.RoundUpToPowerOf2((uint)_window * BitsPerKey);
        _wordCount = (int)(bits / 64);
        _current = new Generation(_wordCount);
        _previous = new Generation(_wordCount);
    }

    /// <summary>Whether the key was added recently.</summary>
    public bool Contains(QrCacheKey key)
    {
        var (first, second) = Probes(key);
        return Volatile.Read(ref _current).Contains(first, second) || Volatile.Read(ref _previous).Contains(first, second);
    }

    /// <summary>Remembers the key; adding it again is harmless.</summary>
    public void Add(QrCacheKey key)
    {
        var (first, second) = Probes(key);
        var current = Volatile.Read(ref _current);
        if (!current.Add(first, second) && Interlocked.Increment(ref current.Count) == _window)
        {
            TurnOver(current);
        }
    }

    /// <summary>Two probes from digest bytes that routing does not use (it reads the first four).</summary>
    private static (uint First, uint Second) Probes(QrCacheKey key) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(key.Digest[4..]), BinaryPrimitives.ReadUInt32LittleEndian(key.Digest[8..]));

    private void TurnOver(Generation full)
    {
        lock (_turnover)
        {
            if (!ReferenceEquals(_current, full))
            {
                return;
            }

            Volatile.Write(ref _previous, full);
            Volatile.Write(ref _current, new Generation(_wordCount));
        }
    }

    private sealed class Generation(int wordCount)
    {
        private readonly long[] _words = new long[wordCount];
        public int Count;

        /// <summary>Sets both bits; true when both were already set (the key, or a collision, was here).</summary>
        public bool Add(uint first, uint second) => Set(first) & Set(second);

        public bool Contains(uint first, uint second) => IsSet(first) && IsSet(second);

        private bool Set(uint hash)
        {
            var (word, mask) = Locate(hash);
            return (Interlocked.Or(ref _words[word], mask) & mask) != 0;
        }

        private bool IsSet(uint hash)
        {
            var (word, mask) = Locate(hash);
            return (Volatile.Read(ref _words[word]) & mask) != 0;
        }

        private (int Word, long Mask) Locate(uint hash)
        {
            var bit = hash & (uint)(_words.Length * 64 - 1);
            return ((int)(bit >> 6), 1L << (int)(bit & 63));
        }
    }
}
