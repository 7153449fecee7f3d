using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace OrleansQr.Tests.Support;

/// <summary>Reads a PNG the way a scanner would: pixels in, text out. Any tier's output goes through here.</summary>
public static class QrDecoder
{
    /// <summary>No character-set hint: non-ASCII text must carry its own ECI header to decode right.</summary>
    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.PURE_BARCODE] = true,
    };

    /// <summary>Decodes the QR code in a PNG; fails the test when the PNG is invalid or holds no readable code.</summary>
    public static string Decode(byte[] png)
    {
        PngFile.AssertValid(png);
        using var image = Image.Load<L8>(png);
        var luminance = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(luminance);

        var source = new RGBLuminanceSource(luminance, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), Hints);
        Assert.True(result is not null, "ZXing found no QR code in the PNG");
        return result.Text;
    }
}
