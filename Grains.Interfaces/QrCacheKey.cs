using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansQr;

/// <summary>
/// The identity of a request's output: the key in every cache, the HTTP ETag and the routing hash.
/// The output is a pure function of (text, level, output format), so equal keys mean equal images
/// — equal in meaning: tiers may differ in bytes, which is why the API's ETag is a weak one.
/// </summary>
public readonly struct QrCacheKey
{
    /// <summary>Bump when the image any tier produces changes, so no cache serves the old one.</summary>
    public const int OutputFormatVersion = 1;

    private readonly byte[] _hash;

    private QrCacheKey(byte[] hash) => _hash = hash;

    public static QrCacheKey For(QrRequest request)
    {
        // The level is one byte before the text, so no text can collide with another level's text.
        var utf8 = new byte[2 + Encoding.UTF8.GetByteCount(request.Text)];
        utf8[0] = OutputFormatVersion;
        utf8[1] = (byte)request.Level;
        Encoding.UTF8.GetBytes(request.Text, utf8.AsSpan(2));
        return new QrCacheKey(SHA256.HashData(utf8));
    }

    /// <summary>The cache key, e.g. <c>qr:v1:9f86…</c>.</summary>
    public override string ToString() => $"qr:v{OutputFormatVersion}:{Convert.ToHexStringLower(_hash)}";

    /// <summary>A uniformly spread number for routing, stable across processes and runs.</summary>
    public uint RoutingHash => BinaryPrimitives.ReadUInt32BigEndian(_hash);

    /// <summary>The SHA-256 behind the key, for more hashes of it (the first four bytes are <see cref="RoutingHash"/>).</summary>
    public ReadOnlySpan<byte> Digest => _hash;
}
