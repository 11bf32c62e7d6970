using System.Diagnostics;
using Serverless.LocalHost.Processes;

namespace Serverless.LocalHost.Azurite;

/// <summary>One Azurite service (azurite-blob, azurite-queue or azurite-table) in its own Node process.</summary>
internal sealed class AzuriteServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors = new();

    private readonly bool _graceful;

    private AzuriteServiceProcess(Process process, string service, int port, bool graceful)
    {
        _process = process;
        _graceful = graceful;
        Service = service;
        Port = port;
    }

    public string Service { get; }

    public int Port { get; }

    private static class Signals
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        public static bool Interrupt(int pid) => Kill(pid, 2) == 0;
    }

    /// <summary>
    /// Starts the service; <paramref name="location"/> null keeps its data in memory. A service whose data is
    /// <paramref name="kept"/> is stopped gracefully so it saves its databases; the others are simply killed.
    /// </summary>
    public static AzuriteServiceProcess Start(AzuriteInstallation installation, string service, int port, string? location, bool kept)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = installation.PackageDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(installation.ServiceEntryPoint(service));
        start.ArgumentList.Add("--silent");
        start.ArgumentList.Add("--disableTelemetry");
        start.ArgumentList.Add($"--{service}Port");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(Path.GetFullPath(location));
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start node for Azurite's {service} service.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start node for Azurite's {service} service ({ex.Message}); install Node.js 20 or newer.", ex);
        }
        var started = new AzuriteServiceProcess(process, service, port, kept);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (started._errors) { started._errors.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TcpPorts.WaitUntilListeningAsync([Port], TimeSpan.FromSeconds(60), () => !_process.HasExited, $"Azurite ({Service})", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string detail;
            lock (_errors) { detail = _errors.ToString(); }
            throw new InvalidOperationException($"{ex.Message} {detail}".Trim(), ex);
        }
    }

    /// <summary>Asks the service to stop (SIGINT, the one signal all three services handle: they close and save their databases), killing it if it has not within 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_graceful && !_process.HasExited && !OperatingSystem.IsWindows() && Signals.Interrupt(_process.Id))
            {
                try
                {
                    await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    // stuck; killed below
                }
            }
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        catch (TimeoutException)
        {
            // the OS will reap it; nothing more we can do
        }
        _process.Dispose();
    }
}
