using Serverless.Durable.Activities;
using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Tests.Activities;

public class ActivityRunnerTests
{
    private static readonly TaskActivityContext Context = new("Notice", "case-9", 4);

    [Fact]
    public async Task Input_is_deserialized_and_output_serialized()
    {
        var activity = new FuncTaskActivity<Letter, Letter>((_, letter) => Task.FromResult(letter with { Pages = letter.Pages + 1 }));

        var result = await ActivityRunner.RunAsync(activity, Context, "{\"to\":\"Ana\",\"pages\":2}");

        Assert.True(result.Succeeded);
        Assert.Equal("{\"To\":\"Ana\",\"Pages\":3}", result.OutputJson);
    }

    [Fact]
    public async Task An_exception_becomes_failure_details_instead_of_escaping()
    {
        var activity = new FuncTaskActivity<int, int>((_, _) => throw new TimeoutException("printer"));

        var result = await ActivityRunner.RunAsync(activity, Context, "1");

        Assert.False(result.Succeeded);
        Assert.Null(result.OutputJson);
        Assert.Equal("System.TimeoutException", result.Failure!.ErrorType);
        Assert.Equal("printer", result.Failure.ErrorMessage);
    }

    [Fact]
    public async Task Missing_input_gives_the_default_of_the_input_type()
    {
        var activity = new FuncTaskActivity<int, int>((_, n) => Task.FromResult(n + 10));

        var result = await ActivityRunner.RunAsync(activity, Context, null);

        Assert.Equal("10", result.OutputJson);
    }

    [Fact]
    public void The_idempotency_key_is_instance_id_plus_task_id()
    {
        Assert.Equal("case-9:4", Context.IdempotencyKey);
        Assert.Equal("Notice", Context.Name.Name);
        Assert.Throws<InvalidOperationException>(() => new TaskActivityContext("Notice", "case-9", null).IdempotencyKey);
    }

    [Fact]
    public void Data_converter_reads_any_case_and_writes_declared_names_and_fields()
    {
        var converter = JsonDataConverter.Default;

        Assert.Equal(new Letter("Bo", 1), converter.Deserialize<Letter>("{\"TO\":\"Bo\",\"pages\":1}"));
        Assert.Equal("{\"X\":5}", converter.Serialize(new WithField { X = 5 }));
        Assert.Null(converter.Serialize(null));
        Assert.Equal(0, converter.Deserialize<int>(null));
    }

    [Fact]
    public void Task_names_convert_from_strings_and_print_their_version()
    {
        TaskName name = "Notice";

        Assert.Equal(new TaskName("Notice"), name);
        Assert.Equal("Notice:2", new TaskName("Notice", "2").ToString());
    }

    public sealed record Letter(string To, int Pages);

    public sealed class WithField
    {
        public int X;
    }
}
