using System.Text;

namespace OrleansQr.Tests.Support;

/// <summary>The texts every tier must round-trip exactly: the study's load plus the edges of the contract.</summary>
public static class DecodeCorpus
{
    /// <summary>The ten URLs the study's load rotated over.</summary>
    public static readonly string[] StudyUrls =
    [
        "https://github.com/pretzelhammer/rust-blog",
        "https://www.reddit.com/r/rustjerk/top/?t=all",
        "https://youtu.be/cE0wfjsybIQ?t=74",
        "https://www.reddit.com/r/rust/top/?t=month",
        "https://devswag.com/products/rust-ferris",
        "https://www.youtube.com/watch?v=TGfQu0bQTKc",
        "https://tourofrust.com",
        "https://github.com/rust-lang/rustlings",
        "https://exercism.org/tracks/rust",
        "https://en.wikipedia.org/wiki/Carcinisation",
    ];

    /// <summary>512 UTF-8 bytes of ASCII: the longest text the API takes.</summary>
    public static readonly string LongestAscii = Repeat("OrleansQr encodes 0123456789; ", 512);

    /// <summary>512 UTF-8 bytes of two-, three- and four-byte characters.</summary>
    public static readonly string LongestMultiByte = Repeat("ä日本語🦀 ", 512);

    public static readonly string[] EdgeCases =
    [
        "a",
        LongestAscii,
        LongestMultiByte,
        "Grüße aus Köln",
        "a+b & c%d #e =f ?g",
        "line one\nline two\r\nline three",
        "tab\tseparated\tvalues",
        "nul\0inside",
    ];

    public static IEnumerable<string> All => StudyUrls.Concat(EdgeCases);

    /// <summary>A text that no QR symbol holds at level L (2953 bytes is the most).</summary>
    public static readonly string TooLongForAnySymbol = new('x', 3000);

    /// <summary>Repeats a pattern up to exactly <paramref name="utf8Bytes"/> bytes, never splitting a character.</summary>
    private static string Repeat(string pattern, int utf8Bytes)
    {
        var text = new StringBuilder();
        var bytes = 0;
        for (var i = 0; ; i = (i + 1) % pattern.Length)
        {
            var step = char.IsHighSurrogate(pattern[i]) ? pattern.Substring(i, 2) : pattern[i].ToString();
            var size = Encoding.UTF8.GetByteCount(step);
            if (bytes + size > utf8Bytes)
            {
                break;
            }

            text.Append(step);
            bytes += size;
            if (step.Length == 2)
            {
                i++;
            }
        }

        Assert.Equal(utf8Bytes, Encoding.UTF8.GetByteCount(text.ToString()));
        return text.ToString();
    }
}
