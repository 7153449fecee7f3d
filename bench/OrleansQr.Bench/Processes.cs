using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace OrleansQr.Bench;

/// <summary>
/// A process this run started, known by its PID. Its standard output and error go straight to a log
/// file (the shell execs the program, so the PID is the program's). Stopping sends SIGTERM, waits a
/// grace period, then kills the process and its descendants.
/// </summary>
public sealed class ServerProcess
{
    /// <summary>Every process started and not yet stopped, so an interrupted run can stop them all.</summary>
    public static readonly ConcurrentDictionary<int, ServerProcess> Running = new();

    private readonly Process _process;

    private ServerProcess(string role, Process process, string logFile)
    {
        Role = role;
        _process = process;
        Pid = process.Id;
        LogFile = logFile;
    }

    public string Role { get; }
    public int Pid { get; }
    public string LogFile { get; }
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static ServerProcess Start(string role, string program, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true, // not the terminal's: a server must not read the console
        };
        // sh -c 'exec "$0" "$@" >>"$BENCH_LOG" 2>&1' program args...: no quoting of the arguments needed.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$BENCH_LOG\" 2>&1");
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["BENCH_LOG"] = logFile;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        File.AppendAllText(logFile, $"# {DateTime.UtcNow:O} {role}: {program} {string.Join(' ', args)}\n");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var server = new ServerProcess(role, process, logFile);
        Running[server.Pid] = server;
        return server;
    }

    /// <summary>SIGTERM, then SIGKILL to the process and its descendants after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (_process.HasExited) return;

            // Remembered before the signal: once the process is gone its children belong to init and
            // cannot be found by parent PID any more. Each is known by PID and start time, so a reused
            // PID is never hit.
            var descendants = ProcTree.Snapshot([Pid]).Where(p => p.Pid != Pid).ToList();
            _ = Native.kill(Pid, Native.SIGTERM);
            if (!await ExitedWithinAsync(grace))
            {
                File.AppendAllText(LogFile, $"# {DateTime.UtcNow:O} {Role}: still running {grace.TotalSeconds:0} s after SIGTERM; killed\n");
                KillTree();
                await ExitedWithinAsync(TimeSpan.FromSeconds(5));
            }

            // Descendants (qr-cli runs, node workers) must not outlive the run.
            foreach (var (pid, start) in descendants)
            {
                if (ProcTree.StartTime(pid) == start) _ = Native.kill(pid, Native.SIGKILL);
            }
        }
        finally
        {
            Running.TryRemove(Pid, out _);
        }
    }

    private async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL to this process and every descendant, without waiting. Does nothing once the process has exited (its PID may be another's).</summary>
    public void KillTree()
    {
        if (_process.HasExited) return;
        foreach (var (pid, _) in ProcTree.Snapshot([Pid]).Reverse())
        {
            _ = Native.kill(pid, Native.SIGKILL);
        }
    }

    public string LogTail(int lines = 8)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static class Native
    {
        public const int SIGKILL = 9;
        public const int SIGTERM = 15;

        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);
    }
}

/// <summary>The process tree under /proc: descendants by parent PID, RSS and CPU time.</summary>
public static class ProcTree
{
    public static readonly double TicksPerSecond = 100.0; // USER_HZ, 100 on every Linux this runs on
    private static readonly long PageSize = Environment.SystemPageSize;

    /// <summary>The given PIDs (those still alive) and all their descendants, parents first.</summary>
    public static IReadOnlyList<int> WithDescendants(IReadOnlyCollection<int> roots)
    {
        var children = new Dictionary<int, List<int>>();
        var alive = new HashSet<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            var stat = ReadStat(pid);
            if (stat is null) continue;
            alive.Add(pid);
            (children.TryGetValue(stat.Value.Ppid, out var list) ? list : children[stat.Value.Ppid] = []).Add(pid);
        }

        var result = new List<int>();
        var queue = new Queue<int>(roots.Where(alive.Contains));
        var seen = new HashSet<int>();
        while (queue.Count > 0 && result.Count < 100_000)
        {
            var pid = queue.Dequeue();
            if (!seen.Add(pid)) continue;
            result.Add(pid);
            if (children.TryGetValue(pid, out var kids)) foreach (var kid in kids) queue.Enqueue(kid);
        }

        return result;
    }

    /// <summary>
    /// Busy ticks of the whole machine since boot: user, nice, system and steal of every core (/proc/stat).
    /// Interrupt time is left out: the loopback traffic of the load itself is handled there, and no process is charged for it.
    /// </summary>
    public static long MachineBusyTicks()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new[] { 1, 2, 3, 8 }.Sum(i => long.Parse(cpu[i], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Resident set size in bytes (from statm, which is cheaper than status) of a process with memory of its
    /// own; 0 when the process is gone, or is a child that has forked but not yet exec'd. Such a child shares
    /// its parent's pages (vfork shares the very address space), so its RSS repeats the parent's: the cli tier
    /// forks a qr-cli about every millisecond, and summing those children once counted a 150 MB server as 800 MB.
    /// </summary>
    public static long RssBytes(int pid)
    {
        if (ReadStat(pid) is not { } stat || (stat.Flags & ForkedWithoutExec) != 0) return 0;
        try
        {
            var statm = File.ReadAllText($"/proc/{pid}/statm");
            var fields = statm.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[1], CultureInfo.InvariantCulture) * PageSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>utime + stime of the process, plus cutime + cstime of the children it has waited for, in ticks.</summary>
    public static long CpuTicks(int pid, bool includeWaitedChildren) =>
        ReadStat(pid) is { } s ? s.Utime + s.Stime + (includeWaitedChildren ? s.Cutime + s.Cstime : 0) : 0;

    /// <summary>PF_FORKNOEXEC in the flags of /proc/PID/stat: set by fork, cleared by exec.</summary>
    private const uint ForkedWithoutExec = 0x40;

    private readonly record struct Stat(int Ppid, uint Flags, long Utime, long Stime, long Cutime, long Cstime, long StartTime);

    /// <summary><see cref="WithDescendants"/> with each process's start time (clock ticks after boot), which tells a reused PID apart.</summary>
    public static IReadOnlyList<(int Pid, long Start)> Snapshot(IReadOnlyCollection<int> roots) =>
        WithDescendants(roots).Select(pid => (pid, StartTime(pid))).Where(p => p.Item2 >= 0).ToList();

    /// <summary>The start time of a live process, or -1.</summary>
    public static long StartTime(int pid) => ReadStat(pid)?.StartTime ?? -1;

    private static Stat? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return new Stat(
                int.Parse(rest[1], CultureInfo.InvariantCulture),
                uint.Parse(rest[6], CultureInfo.InvariantCulture),
                long.Parse(rest[11], CultureInfo.InvariantCulture),
                long.Parse(rest[12], CultureInfo.InvariantCulture),
                long.Parse(rest[13], CultureInfo.InvariantCulture),
                long.Parse(rest[14], CultureInfo.InvariantCulture),
                long.Parse(rest[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>
/// Samples the summed RSS of a set of processes and their descendants every 250 ms until stopped,
/// keeping the peak; also the CPU time each root's tree used between start and stop.
/// </summary>
public sealed class TreeSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<ServerProcess> _roots;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, long> _cpuAtStart;
    private readonly long _machineAtStart;
    private readonly long _selfAtStart;
    private readonly Task _loop;

    public TreeSampler(IReadOnlyList<ServerProcess> roots, TimeSpan interval)
    {
        _roots = roots;
        _cpuAtStart = CpuByRole();
        _machineAtStart = ProcTree.MachineBusyTicks();
        _selfAtStart = ProcTree.CpuTicks(Environment.ProcessId, includeWaitedChildren: true);
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                Sample();
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result));
        });
    }

    public long PeakRssBytes { get; private set; }
    public Dictionary<string, long> PeakRssByRole { get; } = [];
    public int Samples { get; private set; }
    public Dictionary<string, double> CpuSecondsByRole { get; private set; } = [];

    /// <summary>CPU seconds the whole machine was busy, and this process with the children it reaped (wrk), between start and stop.</summary>
    public double MachineBusySeconds { get; private set; }
    public double RunnerAndWrkSeconds { get; private set; }

    /// <summary>One reading of the summed RSS, for the idle figure.</summary>
    public static long CurrentRss(IReadOnlyList<ServerProcess> roots) =>
        ProcTree.WithDescendants(roots.Select(r => r.Pid).ToList()).Sum(ProcTree.RssBytes);

    private void Sample()
    {
        long total = 0;
        foreach (var root in _roots)
        {
            var rss = ProcTree.WithDescendants([root.Pid]).Sum(ProcTree.RssBytes);
            total += rss;
            PeakRssByRole[root.Role] = Math.Max(PeakRssByRole.GetValueOrDefault(root.Role), rss);
        }

        PeakRssBytes = Math.Max(PeakRssBytes, total);
        Samples++;
    }

    private Dictionary<string, long> CpuByRole() => _roots.ToDictionary(
        r => r.Role,
        r => ProcTree.WithDescendants([r.Pid]).Sum(pid => ProcTree.CpuTicks(pid, includeWaitedChildren: true)));

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        MachineBusySeconds = (ProcTree.MachineBusyTicks() - _machineAtStart) / ProcTree.TicksPerSecond;
        RunnerAndWrkSeconds = (ProcTree.CpuTicks(Environment.ProcessId, includeWaitedChildren: true) - _selfAtStart) / ProcTree.TicksPerSecond;
        var cpuAtEnd = CpuByRole();
        CpuSecondsByRole = cpuAtEnd.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value - _cpuAtStart.GetValueOrDefault(kv.Key)) / ProcTree.TicksPerSecond);
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>Free TCP ports on 127.0.0.1, never the same one twice in a run.</summary>
public static class Ports
{
    private static readonly HashSet<int> Given = [];

    public static int Free()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Given)
            {
                if (Given.Add(port)) return port;
            }
        }

        throw new InvalidOperationException("no free port on 127.0.0.1");
    }

    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
