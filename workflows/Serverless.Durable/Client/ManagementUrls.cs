using System.Text;

namespace Serverless.Durable.Client;

/// <summary>Builds management API URLs: base + path + query, with the required parameters last.</summary>
internal sealed class ManagementUrls(DurableClientOptions options)
{
    private readonly string _base = options.BaseUrl.ToString().TrimEnd('/');

    public string Build(string path, params (string Name, string? Value)[] query)
    {
        var url = new StringBuilder(_base).Append('/').Append(path);
        char separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            url.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (!string.IsNullOrEmpty(options.RequiredQueryStringParameters))
        {
            url.Append(separator).Append(options.RequiredQueryStringParameters.TrimStart('?'));
        }

        return url.ToString();
    }

    /// <summary>A URL with a literal placeholder such as <c>{eventName}</c> or <c>reason={text}</c> left unescaped.</summary>
    public string Template(string path, string? placeholderQuery = null)
    {
        string url = Build(path);
        if (placeholderQuery is null)
        {
            return url;
        }

        int question = url.IndexOf('?', StringComparison.Ordinal);
        return question < 0
            ? $"{url}?{placeholderQuery}"
            : $"{url[..question]}?{placeholderQuery}&{url[(question + 1)..]}";
    }

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
