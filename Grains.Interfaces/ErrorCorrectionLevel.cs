namespace OrleansQr;

/// <summary>QR error-correction level; each step trades capacity for damage tolerance.</summary>
/// <remarks>The numeric values are the codes the Rust tiers take (0 = L … 3 = H).</remarks>
[GenerateSerializer, Alias("qr.ErrorCorrectionLevel")]
public enum ErrorCorrectionLevel
{
    /// <summary>About 7% of the symbol can be restored; the default.</summary>
    L = 0,

    /// <summary>About 15%.</summary>
    M = 1,

    /// <summary>About 25%.</summary>
    Q = 2,

    /// <summary>About 30%.</summary>
    H = 3,
}
