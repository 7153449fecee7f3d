using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansQr.Tests.Support;

/// <summary>
/// One of the service's own programs (a silo or the API) run as a real process for a test. Its output
/// is kept for the failure message; it is stopped gracefully (SIGTERM) or killed, always by its own PID.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServiceProcess(string dll, IReadOnlyDictionary<string, string> environment) => (_dll, _environment) = (dll, environment);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>True when the process ended on its own (a crash, a port in use).</summary>
    public bool HasExited => _process is { HasExited: true };

    /// <summary>Starts <c>dotnet dll</c> from the dll's folder with the given environment.</summary>
    public static ServiceProcess Start(string dll, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(dll), $"{dll} is missing; 'make test' builds it");
        var service = new ServiceProcess(dll, environment);
        service.StartAgain();
        return service;
    }

    public void StartAgain()
    {
        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Asks the process to shut down as an orchestrator would (SIGTERM) and waits for it.</summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
