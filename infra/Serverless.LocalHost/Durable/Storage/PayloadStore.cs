using Azure.Storage.Blobs;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>
/// Keeps payloads over 45 KB out of queue messages and table rows: the text goes to a blob and a
/// <c>blob:{name}</c> reference takes its place.
/// </summary>
public sealed class PayloadStore(BlobContainerClient container)
{
    public const int InlineLimit = 45 * 1024;
    private const string Prefix = "blob:";

    public async Task<string?> OffloadAsync(string? text, string nameHint, CancellationToken cancellationToken)
    {
        if (text is null || text.Length * 3 < InlineLimit && System.Text.Encoding.UTF8.GetByteCount(text) <= InlineLimit)
        {
            return text;
        }
        var name = $"{Sanitize(nameHint)}/{Guid.NewGuid():N}";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        return Prefix + name;
    }

    public async Task<string?> ResolveAsync(string? stored, CancellationToken cancellationToken)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }
        var content = await container.GetBlobClient(stored[Prefix.Length..]).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString();
    }

    public async Task DeleteAsync(string? stored, CancellationToken cancellationToken)
    {
        if (stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await container.GetBlobClient(stored[Prefix.Length..]).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private static string Sanitize(string hint) => new(hint.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
