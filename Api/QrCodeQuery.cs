using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace OrleansQr.Api;

/// <summary>
/// Reads and checks the query string of <c>/qrcode</c>: <c>text</c> (required, 1–512 UTF-8 bytes) and
/// <c>ec</c> (optional: L, M, Q or H). Any other parameter is ignored, so cache-busting suffixes work.
/// Remember that in a query string <c>+</c> is a space; a literal plus is <c>%2B</c>.
/// </summary>
public static class QrCodeQuery
{
    /// <summary>The most UTF-8 bytes of text the service accepts; every level's QR symbol holds this much.</summary>
    public const int MaxTextBytes = 512;

    /// <summary>Parses the query; on failure <paramref name="error"/> is a one-line reason for a 400.</summary>
    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out QrRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!TryGetSingle(query, "text", out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            error = "text is missing: use /qrcode?text=...";
            return false;
        }

        if (text.Length == 0)
        {
            error = "text is empty";
            return false;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxTextBytes)
        {
            error = $"text is {bytes} UTF-8 bytes; the limit is {MaxTextBytes}";
            return false;
        }

        if (!TryGetSingle(query, "ec", out var ec, out error))
        {
            return false;
        }

        var level = ErrorCorrectionLevel.L;
        if (ec is not null && !TryParseLevel(ec, out level))
        {
            error = "ec must be one of L, M, Q, H";
            return false;
        }

        request = new QrRequest(text, level);
        return true;
    }

    private static bool TryGetSingle(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        var values = query.TryGetValue(name, out var found) ? found : StringValues.Empty;
        value = values.Count == 1 ? values[0] : null;
        error = values.Count > 1 ? $"{name} is given more than once" : null;
        return error is null;
    }

    private static bool TryParseLevel(string value, out ErrorCorrectionLevel level)
    {
        level = value.ToUpperInvariant() switch
        {
            "L" => ErrorCorrectionLevel.L,
            "M" => ErrorCorrectionLevel.M,
            "Q" => ErrorCorrectionLevel.Q,
            "H" => ErrorCorrectionLevel.H,
            _ => (ErrorCorrectionLevel)(-1),
        };
        return Enum.IsDefined(level);
    }
}
