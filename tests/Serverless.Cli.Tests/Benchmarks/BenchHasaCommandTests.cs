using System.Text.Json;
using Serverless.Cli.Tests.Clocks;
using Serverless.Testing;

namespace Serverless.Cli.Tests.Benchmarks;

/// <summary>
/// <c>serverless bench hasa</c> at a size CI can afford: the real app, Azurite and the virtual clock, every ledger row
/// checked against the bench's own date arithmetic. The 10,000-case figures are in docs/benchmarks.md.
/// </summary>
public sealed class BenchHasaCommandTests
{
    [Fact]
    public async Task Twelve_cases_over_sixty_days_match_the_independent_computation_and_count_both_processes_transactions()
    {
        var output = Path.Combine(Path.GetTempPath(), $"hasa-bench-{Guid.NewGuid():N}.json");
        try
        {
            var result = await ServerlessProcess.RunInAsync(RepositoryRoot.Path, TimeSpan.FromMinutes(4),
                "bench", "hasa", "--cases", "12", "--days", "60", "--concurrency", "4", "--output", output);

            Assert.True(result.ExitCode == 0, result.Output + result.Error);
            Assert.Contains("every ledger status matches the independent computation", result.Output);
            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var root = figures.RootElement;
            Assert.Equal(0, root.GetProperty("mismatches").GetInt32());
            // packet, assistance and first referral for every case, plus a repeat referral for the 4 referred ones
            Assert.Equal(12 * 3 + 4, root.GetProperty("ledgerRowsChecked").GetInt32());
            var create = root.GetProperty("phases").GetProperty("create");
            Assert.True(create.GetProperty("hostTransactions").GetInt64() > 0);
            Assert.True(create.GetProperty("handlerTransactions").GetInt64() > 12, "each case creation writes the case store from the handler");
        }
        finally
        {
            File.Delete(output);
        }
    }
}
