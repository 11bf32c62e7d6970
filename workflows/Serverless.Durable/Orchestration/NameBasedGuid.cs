using System.Security.Cryptography;
using System.Text;

namespace Serverless.Durable.Orchestration;

/// <summary>RFC 4122 version 5 (SHA-1, name-based) UUIDs.</summary>
internal static class NameBasedGuid
{
    /// <summary>The namespace Durable Task uses for orchestration GUIDs.</summary>
    public static readonly Guid DurableTaskNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(Guid namespaceId, string name)
    {
        int nameLength = Encoding.UTF8.GetByteCount(name);
        var buffer = new byte[16 + nameLength];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, buffer.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
