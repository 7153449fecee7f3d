namespace OrleansQr;

/// <summary>
/// An encoded QR code. Immutable, so a call on the same silo hands the PNG over without a deep copy.
/// </summary>
/// <param name="Png">The PNG file.</param>
/// <param name="FromCache">False when this call ran the encoder; true when a cache (or a concurrent call's encode) supplied it.</param>
[GenerateSerializer, Immutable, Alias("qr.QrImage")]
public sealed record QrImage(byte[] Png, bool FromCache);
