using Serverless.Functions.Access;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary>What every HASA function needs: the case services, token validation, the clock and an HTTP client for the management API.</summary>
public sealed class HasaEndpointServices(HasaServices hasa, ITokenValidator tokens, TimeProvider clock, HttpClient http, ILoggerFactory loggers)
{
    public HasaServices Hasa { get; } = hasa;
    public HasaCaseService Cases => Hasa.Service;
    public ITokenValidator Tokens { get; } = tokens;
    public TimeProvider Clock { get; } = clock;
    public HttpClient Http { get; } = http;
    public ILogger Logger { get; } = loggers.CreateLogger("Hasa");

    private Task? _ready;

    /// <summary>Creates the tables once, on first use, so the handler starts (and /api/health answers) without storage.</summary>
    public async Task ReadyAsync(CancellationToken ct)
    {
        var ready = _ready ??= Hasa.EnsureCreatedAsync(CancellationToken.None);
        try
        {
            await ready.WaitAsync(ct);
        }
        catch when (!ct.IsCancellationRequested)
        {
            _ready = null;
            throw;
        }
    }
}
