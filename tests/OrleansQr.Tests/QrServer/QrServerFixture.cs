using System.Diagnostics;
using OrleansQr.Tests.Support;

namespace OrleansQr.Tests.QrServer;

/// <summary>Runs the real tier-4 <c>qr-server</c> on a free loopback port for the tests of one class, and stops it by its PID.</summary>
public sealed class QrServerFixture : IAsyncLifetime
{
    private Process? _server;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(RepoPaths.QrServer), $"{RepoPaths.QrServer} is missing; 'make test' builds it");
        var port = LoopbackPort.GetFree();
        _server = Process.Start(new ProcessStartInfo(RepoPaths.QrServer, ["--host", "127.0.0.1", "--port", port.ToString()])
        {
            UseShellExecute = false,
        })!;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await WaitUntilHealthyAsync();
        }
        catch
        {
            await DisposeAsync(); // the fixture is not disposed when its initialisation fails
            throw;
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_server!.HasExited, "qr-server exited before it was ready");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "qr-server was not ready within 30 s");
            try
            {
                using var health = await Client.GetAsync("/healthz");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill();
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
    }
}
