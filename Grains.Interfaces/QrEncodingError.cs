namespace OrleansQr;

/// <summary>Why an encode failed. The first three are the client's doing; the rest are ours.</summary>
[GenerateSerializer, Alias("qr.QrEncodingError")]
public enum QrEncodingError
{
    /// <summary>The text is empty.</summary>
    EmptyText,

    /// <summary>The text does not fit a QR symbol (version 40) at the requested level.</summary>
    TextTooLong,

    /// <summary>The text is not valid Unicode (for example a lone surrogate), so it has no UTF-8 form.</summary>
    InvalidText,

    /// <summary>The backend is not installed or could not be loaded.</summary>
    BackendUnavailable,

    /// <summary>The backend crashed, trapped, panicked or answered something unreadable.</summary>
    BackendFailed,

    /// <summary>The backend did not finish within its time bound.</summary>
    Timeout,
}
