using System.Text;
using Microsoft.AspNetCore.Http;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.LocalHost.FunctionsHost.Keys;

namespace Serverless.LocalHost.FunctionsHost.Http;

/// <summary>Serves one httpTrigger function: checks its key, bounds the body, invokes the handler, writes its response.</summary>
public sealed class HttpTriggerEndpoint(FunctionDefinition function, HttpTriggerBinding trigger, FunctionInvoker invoker, KeyStore keys, long maxBodyBytes)
{
    public async Task HandleAsync(HttpContext context)
    {
        var key = PresentedKey.From(context.Request);
        var authorized = trigger.AuthLevel switch
        {
            AuthLevel.Anonymous => true,
            AuthLevel.Function => keys.AuthorizesFunction(function.Name, key),
            _ => keys.IsMasterKey(key),
        };
        if (!authorized)
        {
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
                $"Function '{function.Name}' requires {(trigger.AuthLevel == AuthLevel.Admin ? "the admin key" : "a function key")} in the x-functions-key header or the code query parameter.");
            return;
        }
        if (context.Request.ContentLength > maxBodyBytes)
        {
            await TooLarge(context);
            return;
        }
        string body;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLarge(context);
            return;
        }
        var (request, metadata) = HttpRequestMapper.Map(context, body);
        var result = await invoker.InvokeAsync(function, new() { [trigger.Name] = request }, metadata, context.RequestAborted);
        if (!result.Succeeded)
        {
            await Problems.WriteAsync(context,
                result.TimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status500InternalServerError,
                result.TimedOut ? "Function timed out" : "Function failed",
                result.Error ?? $"Function '{function.Name}' failed.");
            return;
        }
        try
        {
            await HttpResponseWriter.WriteAsync(context, result.OutputFor(function.HttpOutput?.Name ?? "$return"));
        }
        catch (System.Text.Json.JsonException ex) when (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Invalid function response", ex.Message);
        }
    }

    private Task TooLarge(HttpContext context) =>
        Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body exceeds the limit of {maxBodyBytes} bytes.");
}
