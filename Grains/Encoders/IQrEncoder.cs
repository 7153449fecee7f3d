namespace OrleansQr.Encoders;

/// <summary>
/// One way of turning a <see cref="QrRequest"/> into PNG bytes: one implementation per tier.
/// Every implementation follows the same output rules (DESIGN.md "Output, by default") and raises
/// only <see cref="QrEncodingException"/>, so callers never care which tier answered.
/// </summary>
public interface IQrEncoder
{
    /// <summary>The tier this encoder implements.</summary>
    QrBackend Backend { get; }

    /// <summary>Encodes the request; implementations are safe to call concurrently.</summary>
    /// <exception cref="QrEncodingException">The text cannot be encoded, or the backend failed.</exception>
    ValueTask<byte[]> EncodeAsync(QrRequest request, CancellationToken cancellationToken = default);
}
