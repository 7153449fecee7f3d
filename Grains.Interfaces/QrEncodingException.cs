namespace OrleansQr;

/// <summary>
/// The one error every backend raises, so callers map failures the same way whatever the tier.
/// Serializable so it crosses grain calls intact.
/// </summary>
[GenerateSerializer, Alias("qr.QrEncodingException")]
public sealed class QrEncodingException : Exception
{
    public QrEncodingException(QrEncodingError error, string message, Exception? innerException = null)
        : base(message, innerException) => Error = error;

    /// <summary>Why the encode failed.</summary>
    [Id(0)]
    public QrEncodingError Error { get; }

    /// <summary>True when the request itself is at fault (an HTTP 400), false when the service is.</summary>
    public bool IsClientError => Error is QrEncodingError.EmptyText or QrEncodingError.TextTooLong or QrEncodingError.InvalidText;

    public static QrEncodingException TooLong(int utf8Bytes, ErrorCorrectionLevel level) =>
        new(QrEncodingError.TextTooLong, $"text is {utf8Bytes} UTF-8 bytes, more than a QR code holds at error-correction level {level}");

    public static QrEncodingException Empty() => new(QrEncodingError.EmptyText, "text is empty");
}
