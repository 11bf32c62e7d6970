using System.CommandLine;
using System.Runtime.InteropServices;
using Serverless.Cli.Commands;

var root = new RootCommand("serverless: run and operate the NYC social-services deadline backbone locally and in Azure");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

// SIGTERM (systemd, CI runners, `kill`) asks every command to wind down as Ctrl+C does, so Azurite and the handler are
// stopped on the way out; a second SIGTERM ends the process at once.
using var terminating = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    if (!terminating.IsCancellationRequested)
    {
        context.Cancel = true;
        terminating.Cancel();
    }
});
return await root.Parse(args).InvokeAsync(cancellationToken: terminating.Token);
