using System.Text;

namespace Serverless.LocalHost.FunctionsHost.Messaging;

/// <summary>
/// Maps Service Bus queue names (mixed case, dots, slashes, up to 260 characters) onto Azure Storage queue names
/// (3-63 lowercase letters, digits and single hyphens), and names the dead-letter and poison queues.
/// </summary>
public static class QueueNames
{
    public static string ForServiceBus(string serviceBusQueue)
    {
        var builder = new StringBuilder();
        foreach (var c in serviceBusQueue.ToLowerInvariant())
        {
            var mapped = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (mapped == '-' && (builder.Length == 0 || builder[^1] == '-'))
            {
                continue;
            }
            builder.Append(mapped);
        }
        var name = builder.ToString().Trim('-');
        if (name.Length > 52)
        {
            name = name[..52].TrimEnd('-');
        }
        return name.Length < 3 ? $"sb-{name}".PadRight(3, '0') : name;
    }

    public static string DeadLetter(string storageQueue) => $"{storageQueue}-deadletter";

    public static string Poison(string storageQueue) => $"{storageQueue}-poison";
}
