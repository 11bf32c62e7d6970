using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Tests.Protocol;

/// <summary>
/// Byte vectors written by hand from the protobuf encoding rules: a tag is (field number &lt;&lt; 3) | wire type
/// (0 = varint, 2 = length-delimited) as a varint; google.protobuf.StringValue is a message whose field 1 is the string;
/// proto3 leaves default values out; a negative int32 is a 10-byte varint.
/// </summary>
public class GoldenBytesTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

    private static void AssertGolden<T>(T message, string hex, MessageParser<T> parser) where T : IMessage<T>
    {
        Assert.Equal(Hex(hex), message.ToByteArray());
        Assert.Equal(message, parser.ParseFrom(Hex(hex)));
    }

    [Fact]
    public void OrchestratorRequest_instance_id_is_field_1_length_delimited()
    {
        // 0A = field 1, wire type 2; 03 = length; "abc"
        AssertGolden(new OrchestratorRequest { InstanceId = "abc" }, "0A 03 61 62 63", OrchestratorRequest.Parser);
    }

    [Fact]
    public void OrchestratorStarted_with_event_id_minus_one_and_a_timestamp()
    {
        var historyEvent = new HistoryEvent
        {
            EventId = -1,
            Timestamp = new Timestamp { Seconds = 1 },
            OrchestratorStarted = new OrchestratorStartedEvent(),
        };

        // 08 + ten-byte varint of -1 | 12 02 (field 2: Timestamp{seconds=1} = 08 01) | 72 00 (field 14, empty message)
        AssertGolden(historyEvent, "08 FF FF FF FF FF FF FF FF FF 01 12 02 08 01 72 00", HistoryEvent.Parser);
    }

    [Fact]
    public void TaskCompleted_nests_the_result_in_a_StringValue()
    {
        var historyEvent = new HistoryEvent
        {
            EventId = 1,
            TaskCompleted = new TaskCompletedEvent { TaskScheduledId = 1, Result = "\"ok\"" },
        };

        // 08 01 | 3A 0A (field 7, 10 bytes) [08 01 | 12 06 (field 2) [0A 04 '"ok"']]
        AssertGolden(historyEvent, "08 01 3A 0A 08 01 12 06 0A 04 22 6F 6B 22", HistoryEvent.Parser);
    }

    [Fact]
    public void EventRaised_uses_a_two_byte_tag_for_field_17()
    {
        // (17 << 3) | 2 = 138 = varint 8A 01
        var historyEvent = new HistoryEvent { EventRaised = new EventRaisedEvent { Name = "e" } };

        AssertGolden(historyEvent, "8A 01 03 0A 01 65", HistoryEvent.Parser);
    }

    [Fact]
    public void ContinueAsNew_is_field_20()
    {
        // (20 << 3) | 2 = 162 = A2 01; ContinueAsNewEvent{input="1"} = 0A 03 (StringValue) [0A 01 31]
        var historyEvent = new HistoryEvent { ContinueAsNew = new ContinueAsNewEvent { Input = "1" } };

        AssertGolden(historyEvent, "A2 01 05 0A 03 0A 01 31", HistoryEvent.Parser);
    }

    [Fact]
    public void TimerFired_carries_fire_time_and_timer_id()
    {
        // 6A = field 13; TimerFiredEvent{fireAt{seconds=300}=0A 03 08 AC 02, timerId=2=10 02}
        var historyEvent = new HistoryEvent
        {
            TimerFired = new TimerFiredEvent { FireAt = new Timestamp { Seconds = 300 }, TimerId = 2 },
        };

        AssertGolden(historyEvent, "6A 07 0A 03 08 AC 02 10 02", HistoryEvent.Parser);
    }

    [Fact]
    public void OrchestratorResponse_with_a_schedule_task_action()
    {
        // 0A 01 'i' | 12 05 (actions) [id 0 omitted | 12 03 (scheduleTask) [0A 01 'A']]
        var response = new OrchestratorResponse
        {
            InstanceId = "i",
            Actions = { new OrchestratorAction { Id = 0, ScheduleTask = new ScheduleTaskAction { Name = "A" } } },
        };

        AssertGolden(response, "0A 01 69 12 05 12 03 0A 01 41", OrchestratorResponse.Parser);
    }

    [Fact]
    public void Complete_action_with_status_result_and_failure_details()
    {
        // 08 01 | 32 (field 6) 0F [08 03 (FAILED) | 12 03 [0A 01 '1'] | 32 (failureDetails) 06 [0A 01 'T' 12 01 'm']]
        var action = new OrchestratorAction
        {
            Id = 1,
            CompleteOrchestration = new CompleteOrchestrationAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                Result = "1",
                FailureDetails = new Serverless.Durable.Protocol.TaskFailureDetails { ErrorType = "T", ErrorMessage = "m" },
            },
        };

        AssertGolden(action, "08 01 32 0F 08 03 12 03 0A 01 31 32 06 0A 01 54 12 01 6D", OrchestratorAction.Parser);
    }

    [Fact]
    public void Send_event_action_nests_the_target_instance()
    {
        // 2A (field 5) 0A [0A 03 [0A 01 'x'] | 12 01 'n' | 1A 00]: a present but empty StringValue is an empty
        // message, since its value "" is the proto3 default and is left out.
        var action = new OrchestratorAction
        {
            SendEvent = new SendEventAction
            {
                Instance = new OrchestrationInstance { InstanceId = "x" },
                Name = "n",
                Data = string.Empty,
            },
        };

        AssertGolden(action, "2A 0A 0A 03 0A 01 78 12 01 6E 1A 00", OrchestratorAction.Parser);
    }

    [Fact]
    public void Custom_status_and_completion_token_are_fields_3_and_4()
    {
        var response = new OrchestratorResponse { CustomStatus = "s", CompletionToken = "t" };

        AssertGolden(response, "1A 03 0A 01 73 22 01 74", OrchestratorResponse.Parser);
    }

    [Fact]
    public void Unknown_fields_from_the_full_schema_survive_a_round_trip()
    {
        // OrchestratorRequest field 6 (requiresHistoryStreaming, bool) is outside the subset: 30 01
        var bytes = Hex("0A 01 61 30 01");

        var parsed = OrchestratorRequest.Parser.ParseFrom(bytes);

        Assert.Equal("a", parsed.InstanceId);
        Assert.Equal(bytes, parsed.ToByteArray());
    }
}
