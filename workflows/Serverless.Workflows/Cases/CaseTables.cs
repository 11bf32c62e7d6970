using Azure.Data.Tables;
using Serverless.Storage;

namespace Serverless.Workflows.Cases;

/// <summary>
/// The case-store tables. Client identity (name, date of birth, address) sits in its own table so it can be
/// granted, encrypted and retained apart; everything else about a client is keyed by a pseudonymous id.
/// </summary>
public sealed record CaseTables(TableClient Cases, TableClient Clients, TableClient ClientIdentities, TableClient Facilities, TableClient Audit)
{
    public const string CasesTable = "hasacases";
    public const string ClientsTable = "clients";
    public const string ClientIdentitiesTable = "clientidentities";
    public const string FacilitiesTable = "hasafacilities";
    public const string AuditTable = "caseaudit";

    public static CaseTables From(StorageClients clients, string prefix = "") => new(
        clients.Table(prefix + CasesTable), clients.Table(prefix + ClientsTable), clients.Table(prefix + ClientIdentitiesTable),
        clients.Table(prefix + FacilitiesTable), clients.Table(prefix + AuditTable));

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        foreach (var table in new[] { Cases, Clients, ClientIdentities, Facilities, Audit })
        {
            await table.CreateIfNotExistsAsync(ct);
        }
    }
}
