namespace OrleansQr.Encoders;

/// <summary>The image size rule every tier follows: whole pixels per module, at least 200 px wide.</summary>
public static class QrImageSize
{
    /// <summary>The smallest image width the service returns.</summary>
    public const int MinimumWidthPixels = 200;

    /// <summary>Modules of white border on each side, as the QR standard asks.</summary>
    public const int QuietZoneModules = 4;

    /// <summary>Pixels per module for a symbol whose side, quiet zone included, is <paramref name="modulesWithQuietZone"/>.</summary>
    public static int PixelsPerModule(int modulesWithQuietZone) =>
        (MinimumWidthPixels + modulesWithQuietZone - 1) / modulesWithQuietZone;
}
