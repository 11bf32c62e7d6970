using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Cases;

/// <summary>
/// Clients by pseudonymous id, with their identity in the separately protected table. A client row carries
/// no program: being a HASA client reveals HIV status, so that link exists only on the HASA case.
/// </summary>
public sealed class ClientStore(CaseTables tables)
{
    private const string Partition = "client";
    // Unique per partition (not a constant): Azurite finds a row by its row key first, so a row key shared by every
    // partition makes each point read scan all of them.
    private static string IdentityRow(string clientId) => "identity|" + clientId;

    /// <summary>Registers the id if new; an identity given replaces the stored one. Answers whether the client is new.</summary>
    public async Task<bool> EnsureAsync(string clientId, ClientIdentity? identity, Instant now, CancellationToken ct = default)
    {
        var created = true;
        try
        {
            await tables.Clients.AddEntityAsync(new TableEntity(Partition, clientId) { ["CreatedAt"] = now.ToDateTimeOffset() }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            created = false;
        }
        if (identity is not null)
        {
            await tables.ClientIdentities.UpsertEntityAsync(new TableEntity(clientId, IdentityRow(clientId))
            {
                ["Identity"] = JsonSerializer.Serialize(identity, LedgerJson.Options),
            }, TableUpdateMode.Replace, ct);
        }
        return created;
    }

    public async Task<ClientIdentity?> GetIdentityAsync(string clientId, CancellationToken ct = default)
    {
        var row = await tables.ClientIdentities.GetEntityIfExistsAsync<TableEntity>(clientId, IdentityRow(clientId), cancellationToken: ct);
        return row.HasValue ? JsonSerializer.Deserialize<ClientIdentity>(row.Value!.GetString("Identity"), LedgerJson.Options) : null;
    }
}
