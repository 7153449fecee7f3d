using System.Net;

namespace OrleansQr.Hosting;

/// <summary>Where and how a process joins the cluster, bound from the <c>Cluster</c> configuration section.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Cluster";

    /// <summary>For the API: <see cref="ClusterMode.Embedded"/> hosts a silo in-process; <see cref="ClusterMode.Client"/> joins silos through their gateways.</summary>
    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    public string ClusterId { get; set; } = "orleansqr";

    public string ServiceId { get; set; } = "orleansqr";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; loopback unless you deploy across hosts.</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>Listen on every interface instead of only <see cref="AdvertisedAddress"/> (in a container, say).</summary>
    public bool ListenOnAnyAddress { get; set; }
}

public enum ClusterMode
{
    Embedded,
    Client,
}
