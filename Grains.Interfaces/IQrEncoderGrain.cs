namespace OrleansQr;

/// <summary>
/// Serves QR codes on the silo it runs on: from the cache when it can, otherwise by running the
/// configured tier. A stateless worker, so it runs on its caller's silo (for an external client, the
/// gateway silo that the grain key hashes to); <see cref="QrCodeRouting"/> picks keys that spread work over every silo.
/// </summary>
[Alias("qr.IQrEncoderGrain")]
public interface IQrEncoderGrain : IGrainWithIntegerKey
{
    /// <exception cref="QrEncodingException">The text cannot be encoded, or the backend failed.</exception>
    [Alias("Get")]
    ValueTask<QrImage> GetAsync(QrRequest request);
}
