using System.Buffers.Binary;

namespace OrleansQr.Tests.Support;

/// <summary>The PNG checks every served image must pass: a real PNG, square, at least 200 px wide.</summary>
public static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static int Width(byte[] png) => (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4));

    public static int Height(byte[] png) => (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4));

    public static void AssertValid(byte[] png)
    {
        Assert.True(png.Length > 33, $"a PNG of {png.Length} bytes is too short to hold a header");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.True(Width(png) >= 200, $"the image is {Width(png)} px wide; the contract says at least 200");
        Assert.Equal(Width(png), Height(png));

        // ImageSharp checks the chunk structure, CRCs and the compressed data.
        using var image = SixLabors.ImageSharp.Image.Load(png);
        Assert.Equal(Width(png), image.Width);
    }
}
