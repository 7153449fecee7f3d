namespace OrleansQr;

/// <summary>What to encode: the text, exactly as the client sent it, and the error-correction level.</summary>
[GenerateSerializer, Immutable, Alias("qr.QrRequest")]
public sealed record QrRequest(string Text, ErrorCorrectionLevel Level = ErrorCorrectionLevel.L);
