using System.Text;

namespace OrleansQr.Encoders;

/// <summary>The checks and the UTF-8 form every backend starts from.</summary>
public static class QrText
{
    /// <summary>Throws on invalid UTF-16 instead of quietly writing U+FFFD, which would encode a different text.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns the UTF-8 bytes of a non-empty, well-formed text.</summary>
    /// <exception cref="QrEncodingException">The text is empty or is not valid Unicode.</exception>
    public static byte[] ToUtf8(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw QrEncodingException.Empty();
        }

        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new QrEncodingException(QrEncodingError.InvalidText, "text is not valid Unicode (it has an unpaired surrogate)", e);
        }
    }

    /// <summary>True when every character is ASCII; such text is encoded without an ECI header.</summary>
    public static bool IsAscii(string text) => Ascii.IsValid(text);
}
