using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Protocol;

public class FramingTests
{
    private static OrchestratorRequest RichRequest()
    {
        var start = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        var history = new HistoryBuilder(start, "case/7").Started("Flow", "{\"a\":[1,2]}")
            .TaskScheduled(0, "Act", "\"in\"").TimerCreated(1, start.AddDays(7)).OrchestratorCompleted()
            .OrchestratorStarted().TaskFailed(0, new Serverless.Durable.Orchestration.TaskFailureDetails("E", "m", "s", new("I", "i")))
            .EventRaised("ünïcode", "\"✓\"");
        var request = history.ToRequest(4);
        request.ExecutionId = "exec-1";
        request.PastEvents[1].ExecutionStarted.Tags.Add("team", "hasa");
        request.PastEvents[1].ExecutionStarted.ScheduledStartTimestamp = Timestamp.FromDateTime(start);
        return request;
    }

    [Fact]
    public void Request_survives_base64_encode_and_decode()
    {
        var request = RichRequest();

        var decoded = ProtocolFraming.DecodeRequest(ProtocolFraming.EncodeRequest(request));

        Assert.Equal(request, decoded);
        Assert.Equal("exec-1", decoded.ExecutionId);
        Assert.Equal("hasa", decoded.PastEvents[1].ExecutionStarted.Tags["team"]);
    }

    [Fact]
    public void Response_survives_base64_encode_and_decode()
    {
        var response = new OrchestratorResponse
        {
            InstanceId = "x",
            CustomStatus = "{}",
            Actions =
            {
                new OrchestratorAction { Id = 0, CreateTimer = new CreateTimerAction { FireAt = new Timestamp { Seconds = 99 } } },
                new OrchestratorAction
                {
                    Id = 1,
                    CompleteOrchestration = new CompleteOrchestrationAction
                    {
                        OrchestrationStatus = OrchestrationStatus.ContinuedAsNew,
                        CarryoverEvents = { RichRequest().NewEvents },
                    },
                },
            },
        };

        Assert.Equal(response, ProtocolFraming.DecodeResponse(ProtocolFraming.EncodeResponse(response)));
    }

    [Fact]
    public void Context_binding_is_unwrapped_from_both_json_string_layers()
    {
        string base64 = ProtocolFraming.EncodeRequest(RichRequest());
        // the host's body: "context": "\"<base64>\""
        string body = "{\"context\":" + JsonSerializer.Serialize(JsonSerializer.Serialize(base64)) + "}";
        using var document = JsonDocument.Parse(body);

        Assert.Equal(base64, ProtocolFraming.UnwrapContextBinding(document.RootElement.GetProperty("context")));
        Assert.Equal(JsonSerializer.Serialize(base64), ProtocolFraming.WrapContextBinding(base64));
    }

    [Fact]
    public void A_single_layer_context_binding_is_accepted_and_non_strings_are_rejected()
    {
        using var single = JsonDocument.Parse("{\"context\":\"QUJD\"}");
        using var number = JsonDocument.Parse("{\"context\":5}");

        Assert.Equal("QUJD", ProtocolFraming.UnwrapContextBinding(single.RootElement.GetProperty("context")));
        Assert.Throws<FormatException>(() => ProtocolFraming.UnwrapContextBinding(number.RootElement.GetProperty("context")));
    }
}
