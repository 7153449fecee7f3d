using System.Diagnostics;
using System.Net.Sockets;

namespace OrleansQr.Tests.Support;

/// <summary>
/// A real Debian <c>redis-server</c> on a free loopback port, with no persistence, that a test can stop
/// and start again on the same port. Only the process this class started is ever killed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(LoopbackPort.GetFree());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Assert.True(_process is null or { HasExited: true }, "redis-server is already running");
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--protected-mode", "yes"])
        {
            RedirectStandardOutput = true, // its banner would clutter the test log
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start; 'make test' installs it");
        _ = _process.StandardOutput.ReadToEndAsync(); // keep the pipe drained

        var clock = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync())
        {
            Assert.False(_process.HasExited, $"redis-server exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "redis-server did not listen within 20 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server, as a crash would, and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
