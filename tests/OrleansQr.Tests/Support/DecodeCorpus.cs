using System.Text;

namespace OrleansQr.Tests.Support;

/// <summary>The texts every tier must round-trip exactly: the study's load plus the edges of the contract.</summary>
public static class DecodeCorpus
{
    /// <summary>
    /// The ten URLs the study's load rotated over. Their single source is native/qr-core/data/study-urls.txt
    /// (one URL per line), which the project copies next to the test assembly.
    /// </summary>
    public static readonly string[] StudyUrls =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "study-urls.txt")).Where(line => line.Length > 0).ToArray();

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
