namespace OrleansQr.Encoders;

/// <summary>
/// The status codes shared by the Rust tiers (qr-core's <c>status</c> module): the C ABI's return
/// values, the wasm exports' negative results and <c>qr-cli</c>'s exit codes are the same numbers.
/// </summary>
public static class RustStatus
{
    public const int Ok = 0;
    public const int BufferTooSmall = 1;
    public const int Empty = 2;
    public const int TooLong = 3;
    public const int InvalidUtf8 = 4;
    public const int InvalidArgument = 5;
    public const int Panic = 99;

    /// <summary>Maps a failure code from a Rust tier to the error every backend raises.</summary>
    public static QrEncodingException ToException(int status, QrRequest request, int utf8Bytes, string tier, string? detail = null) => status switch
    {
        Empty => QrEncodingException.Empty(),
        TooLong => QrEncodingException.TooLong(utf8Bytes, request.Level),
        InvalidUtf8 => new QrEncodingException(QrEncodingError.InvalidText, "text is not valid UTF-8"),
        Panic => new QrEncodingException(QrEncodingError.BackendFailed, $"the {tier} encoder panicked"),
        _ => new QrEncodingException(QrEncodingError.BackendFailed,
            $"the {tier} encoder failed with status {status}" + (string.IsNullOrWhiteSpace(detail) ? "" : $": {detail.Trim()}")),
    };
}
