using System.Diagnostics;
using System.Net;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.Cluster;

/// <summary>
/// The deployment of <c>make cluster</c> as real processes on loopback: redis-server, two silo processes and
/// the API as their Orleans client. Texts cached in Redis survive the restart of every silo.
/// </summary>
public sealed class RealProcessClusterTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _processes = [];
    private RedisServer? _redis;
    private ServiceProcess[] _silos = [];
    private HttpClient? _api;

    public async Task InitializeAsync()
    {
        try
        {
            await StartClusterAsync();
        }
        catch
        {
            await DisposeAsync(); // xunit does not dispose a test class whose initialisation failed
            throw;
        }
    }

    private async Task StartClusterAsync()
    {
        _redis = await RedisServer.StartAsync();
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = _redis.ConnectionString,
            ["Cluster__ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Qr__Backend"] = "native",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        _silos = [StartSilo(shared), StartSilo(shared)];
        var apiPort = LoopbackPort.GetFree();
        Start(RepoPaths.ApiDll, new Dictionary<string, string>(shared)
        {
            ["Cluster__Mode"] = "Client",
            ["Urls"] = $"http://127.0.0.1:{apiPort}", // unprefixed, so it overrides appsettings.json
        });
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync();
    }

    [Fact]
    public async Task Texts_cached_in_redis_are_served_without_encoding_after_every_silo_restarts()
    {
        var texts = Enumerable.Range(0, 12).Select(i => $"real cluster text {i}").ToArray();
        foreach (var text in texts)
        {
            // The caches keep a text from its second request.
            using var first = await GetAsync(text);
            using var second = await GetAsync(text);
            Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
            Assert.Equal(text, QrDecoder.Decode(await second.Content.ReadAsByteArrayAsync()));
        }

        // Restart the silos one after the other: the cluster keeps serving, and no silo keeps its memory.
        foreach (var silo in _silos)
        {
            await silo.StopGracefullyAsync();
            silo.StartAgain();
            await WaitUntilServingAsync();
        }

        foreach (var text in texts)
        {
            using var again = await GetAsync(text);
            Assert.Equal("HIT", again.Headers.GetValues("X-Cache").Single());
            Assert.Equal(text, QrDecoder.Decode(await again.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task Oversized_request_line_is_refused_without_a_500()
    {
        using var response = await _api!.GetAsync($"/qrcode?text={new string('a', 10_000)}");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.RequestUriTooLong, HttpStatusCode.BadRequest });
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        _processes.Clear();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private Task<HttpResponseMessage> GetAsync(string text) => _api!.GetAsync($"/qrcode?text={Uri.EscapeDataString(text)}");

    private ServiceProcess StartSilo(Dictionary<string, string> shared) => Start(RepoPaths.SiloDll, new Dictionary<string, string>(shared)
    {
        ["Cluster__SiloPort"] = LoopbackPort.GetFree().ToString(),
        ["Cluster__GatewayPort"] = LoopbackPort.GetFree().ToString(),
    });

    private ServiceProcess Start(string dll, Dictionary<string, string> environment)
    {
        var process = ServiceProcess.Start(dll, environment);
        _processes.Add(process);
        return process;
    }

    /// <summary>Waits until a request for a new text is encoded through the cluster: the API is up and reaches a silo.</summary>
    private async Task WaitUntilServingAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await GetAsync($"ready? {Guid.NewGuid()}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The API is not listening yet.
            }

            Assert.False(_processes.Any(process => process.HasExited),
                "a service process exited; output:\n" + string.Join("\n---\n", _processes.Select(p => p.Output)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90),
                "the cluster did not serve within 90 s; output:\n" + string.Join("\n---\n", _processes.Select(p => p.Output)));
            await Task.Delay(250);
        }
    }
}
