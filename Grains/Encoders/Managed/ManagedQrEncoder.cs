using QRCoder;
using QRCoder.Exceptions;

namespace OrleansQr.Encoders.Managed;

/// <summary>Tier 0: QRCoder, all managed code. Thread-safe: QRCoder's generator is static and stateless.</summary>
public sealed class ManagedQrEncoder : IQrEncoder
{
    public QrBackend Backend => QrBackend.Managed;

    public ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken = default)
    {
        var utf8 = QrText.ToUtf8(request.Text);

        // UTF-8 always; the ECI-26 header only for non-ASCII text, since some scanners print it.
        // (QRCoder's default would pick ISO-8859-1 for Latin-1 text, with no header to say so.)
        var eci = QrText.IsAscii(request.Text) ? QRCodeGenerator.EciMode.Default : QRCodeGenerator.EciMode.Utf8;
        try
        {
            using var data = QRCodeGenerator.GenerateQrCode(request.Text, ToQrCoder(request.Level), forceUtf8: true, eciMode: eci);
            var pixelsPerModule = QrImageSize.PixelsPerModule(data.ModuleMatrix.Count);
            return ValueTask.FromResult(new PngByteQRCode(data).GetGraphic(pixelsPerModule, drawQuietZones: true));
        }
        catch (DataTooLongException e)
        {
            throw new QrEncodingException(QrEncodingError.TextTooLong, QrEncodingException.TooLong(utf8.Length, request.Level).Message, e);
        }
    }

    private static QRCodeGenerator.ECCLevel ToQrCoder(ErrorCorrectionLevel level) => level switch
    {
        ErrorCorrectionLevel.L => QRCodeGenerator.ECCLevel.L,
        ErrorCorrectionLevel.M => QRCodeGenerator.ECCLevel.M,
        ErrorCorrectionLevel.Q => QRCodeGenerator.ECCLevel.Q,
        ErrorCorrectionLevel.H => QRCodeGenerator.ECCLevel.H,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown error-correction level"),
    };
}
