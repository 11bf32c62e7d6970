using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.Processes;

namespace Serverless.LocalHost.FunctionsHost.Handler;

/// <summary>
/// The custom handler as a child process on <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>. Like the Azure host it waits up to
/// 60 s for the handler to listen, and restarts it (with back-off) whenever it exits unexpectedly.
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly HandlerCommand _command;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private Task? _supervisor;
    private int _restarts;

    public HandlerProcess(HandlerCommand command, IReadOnlyDictionary<string, string?> environment, ILogger logger, int? port = null)
    {
        _command = command;
        _environment = environment;
        _logger = logger;
        Port = port ?? TcpPorts.FindFree();
    }

    public int Port { get; }

    public HandlerCommand Command => _command;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many times the handler was restarted after exiting.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The process id of the running handler, or null between a crash and its restart.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false } p ? p.Id : null;
            }
        }
    }

    /// <summary>Starts the handler and returns once it listens; throws if it does not within 60 s.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var first = Launch();
        await TcpPorts.WaitUntilListeningAsync([Port], StartupTimeout, () => !first.HasExited, $"The custom handler ({_command.FileName})", cancellationToken);
        MarkReady();
        _supervisor = Task.Run(() => SuperviseAsync(first));
    }

    /// <summary>Waits until the handler listens (immediately unless it is being restarted).</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }
        return ready.WaitAsync(StartupTimeout, cancellationToken);
    }

    private async Task SuperviseAsync(Process current)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await current.WaitForExitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            MarkNotReady(current);
            _logger.LogWarning("The custom handler exited with code {ExitCode}; restarting it in {Delay} ms", SafeExitCode(current), backoff.TotalMilliseconds);
            try
            {
                await Task.Delay(backoff, _stopping.Token);
                current = Launch();
                await TcpPorts.WaitUntilListeningAsync([Port], StartupTimeout, () => !current.HasExited, "The restarted custom handler", _stopping.Token);
                Interlocked.Increment(ref _restarts);
                MarkReady();
                _logger.LogInformation("The custom handler is listening again on port {Port} (restart {Restarts})", Port, Restarts);
                backoff = TimeSpan.FromMilliseconds(250);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
            {
                _logger.LogError("Restarting the custom handler failed: {Error}", ex.Message);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 30_000));
            }
        }
    }

    /// <summary>
    /// After a dropped connection: if the handler process has died, waits for its restart, so the failed work is
    /// retried against a live handler instead of burning deliveries while it restarts.
    /// </summary>
    public async Task RecoverAfterConnectionFailureAsync(CancellationToken cancellationToken)
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
        }
        // The connection can drop a moment before the exit is observable.
        for (var i = 0; i < 40 && process is not null && !HasExited(process); i++)
        {
            await Task.Delay(50, cancellationToken);
        }
        if (process is null || HasExited(process))
        {
            MarkNotReady(process);
        }
        await WaitUntilReadyAsync(cancellationToken);
    }

    private void MarkNotReady(Process? exited)
    {
        lock (_gate)
        {
            // Only the first to notice resets readiness; a second reset would strand the first waiters.
            if (_ready.Task.IsCompleted && ReferenceEquals(_process, exited))
            {
                _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void MarkReady()
    {
        lock (_gate)
        {
            _ready.TrySetResult();
        }
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo(_command.FileName)
        {
            WorkingDirectory = _command.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = Port.ToString();
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "Custom";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the custom handler {_command.FileName}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { HandlerLogLine.Relay(_logger, e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _logger.LogWarning("[handler] {Line}", e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process?.Dispose();
            _process = process;
        }
        _logger.LogInformation("Started the custom handler (pid {Pid}) on port {Port}", process.Id, Port);
        return process;
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true; // disposed after a restart
        }
    }

    private static int? SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Process? process;
        lock (_gate)
        {
            process = _process;
        }
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                _logger.LogDebug("Stopping the custom handler: {Error}", ex.Message);
            }
            process.Dispose();
        }
        if (_supervisor is not null)
        {
            await _supervisor;
        }
        _stopping.Dispose();
    }
}
