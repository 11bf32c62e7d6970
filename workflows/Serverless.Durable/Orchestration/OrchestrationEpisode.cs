using Microsoft.Extensions.Logging;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Orchestration;

/// <summary>One run of the executor: feeds past then new events to the context and drains the orchestrator's
/// continuations after each one, on the calling thread.</summary>
internal sealed class OrchestrationEpisode
{
    private readonly OrchestratorRequest _request;
    private readonly ITaskOrchestrator _orchestrator;
    private readonly DataConverter _converter;
    private readonly ReplayOrchestrationContext _context;
    private readonly DeterministicSynchronizationContext _scheduler = new();
    private readonly List<HistoryEvent> _heldWhileSuspended = [];
    private readonly List<HistoryEvent> _arrivedAfterCompletion = [];
    private Task<object?>? _orchestratorTask;
    private CompleteOrchestrationAction? _completion;
    private bool _suspended;
    private bool _timeSeen;

    public OrchestrationEpisode(
        OrchestratorRequest request, ITaskOrchestrator orchestrator, DataConverter converter, ILoggerFactory loggerFactory)
    {
        _request = request;
        _orchestrator = orchestrator;
        _converter = converter;
        _context = new ReplayOrchestrationContext(request.InstanceId, converter, loggerFactory);
    }

    public OrchestratorResponse Run()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_scheduler);
        try
        {
            foreach (var historyEvent in _request.PastEvents)
            {
                Apply(historyEvent, replaying: true);
            }

            foreach (var historyEvent in _request.NewEvents)
            {
                Apply(historyEvent, replaying: false);
            }

            return BuildResponse();
        }
        catch (NonDeterministicOrchestrationException nonDeterminism)
        {
            return BuildFailure(nonDeterminism);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void Apply(HistoryEvent historyEvent, bool replaying)
    {
        if (_completion is not null)
        {
            if (historyEvent.EventRaised is not null)
            {
                _arrivedAfterCompletion.Add(historyEvent);
            }

            return;
        }

        if (_suspended && historyEvent.ExecutionResumed is null && historyEvent.ExecutionTerminated is null)
        {
            _heldWhileSuspended.Add(historyEvent);
            return;
        }

        _context.Replaying = replaying;
        switch (historyEvent.EventTypeCase)
        {
            case HistoryEvent.EventTypeOneofCase.OrchestratorStarted:
                _context.CurrentTime = historyEvent.Timestamp?.ToDateTime() ?? _context.CurrentTime;
                _timeSeen = true;
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionStarted:
                if (!_timeSeen && historyEvent.Timestamp is not null)
                {
                    _context.CurrentTime = historyEvent.Timestamp.ToDateTime();
                }

                _context.Start(historyEvent.ExecutionStarted);
                _scheduler.Post(_ => _orchestratorTask = RunOrchestratorAsync(), null);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskScheduled:
            case HistoryEvent.EventTypeOneofCase.TimerCreated:
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated:
            case HistoryEvent.EventTypeOneofCase.EventSent:
                _context.ConfirmAction(historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskCompleted:
                _context.CompleteTask(historyEvent.TaskCompleted.TaskScheduledId, historyEvent.TaskCompleted.Result);
                break;
            case HistoryEvent.EventTypeOneofCase.TaskFailed:
                _context.FailTask(
                    historyEvent.TaskFailed.TaskScheduledId,
                    TaskFailureDetails.FromProto(historyEvent.TaskFailed.FailureDetails) ?? UnknownFailure);
                break;
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted:
                _context.CompleteTask(
                    historyEvent.SubOrchestrationInstanceCompleted.TaskScheduledId,
                    historyEvent.SubOrchestrationInstanceCompleted.Result);
                break;
            case HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed:
                _context.FailTask(
                    historyEvent.SubOrchestrationInstanceFailed.TaskScheduledId,
                    TaskFailureDetails.FromProto(historyEvent.SubOrchestrationInstanceFailed.FailureDetails) ?? UnknownFailure);
                break;
            case HistoryEvent.EventTypeOneofCase.TimerFired:
                _context.FireTimer(historyEvent.TimerFired.TimerId);
                break;
            case HistoryEvent.EventTypeOneofCase.EventRaised:
                _context.RaiseEvent(historyEvent);
                break;
            case HistoryEvent.EventTypeOneofCase.ExecutionTerminated:
                _completion = new CompleteOrchestrationAction
                {
                    OrchestrationStatus = OrchestrationStatus.Terminated,
                    Result = historyEvent.ExecutionTerminated.Input,
                };
                return;
            case HistoryEvent.EventTypeOneofCase.ExecutionSuspended:
                _suspended = true;
                return;
            case HistoryEvent.EventTypeOneofCase.ExecutionResumed:
                _suspended = false;
                var held = _heldWhileSuspended.ToArray();
                _heldWhileSuspended.Clear();
                foreach (var heldEvent in held)
                {
                    Apply(heldEvent, replaying);
                }

                return;
            default:
                // OrchestratorCompleted, ExecutionCompleted, ContinueAsNew and unknown kinds change nothing here.
                break;
        }

        _scheduler.RunPending();
        CaptureCompletion();
    }

    private async Task<object?> RunOrchestratorAsync()
    {
        object? input = _converter.Deserialize(_context.RawInput, _orchestrator.InputType);
        if (input is null && _orchestrator.InputType.IsValueType)
        {
            input = Activator.CreateInstance(_orchestrator.InputType);
        }

        return await _orchestrator.RunAsync(_context, input);
    }

    private void CaptureCompletion()
    {
        if (_orchestratorTask is not { IsCompleted: true } finished)
        {
            return;
        }

        try
        {
            object? output = finished.GetAwaiter().GetResult();
            if (_context.ContinuedAsNew is { } next)
            {
                _completion = new CompleteOrchestrationAction
                {
                    OrchestrationStatus = OrchestrationStatus.ContinuedAsNew,
                    Result = next.InputJson,
                };
            }
            else
            {
                _completion = new CompleteOrchestrationAction
                {
                    OrchestrationStatus = OrchestrationStatus.Completed,
                    Result = _converter.Serialize(output),
                };
            }
        }
        catch (Exception failure)
        {
            _completion = new CompleteOrchestrationAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                FailureDetails = TaskFailureDetails.FromException(failure).ToProto(),
            };
        }
    }

    private OrchestratorResponse BuildResponse()
    {
        var response = NewResponse();
        response.Actions.AddRange(_context.PendingActions);
        if (_completion is not null)
        {
            if (_completion.OrchestrationStatus == OrchestrationStatus.ContinuedAsNew
                && _context.ContinuedAsNew is { PreserveEvents: true })
            {
                _completion.CarryoverEvents.AddRange(_context.UnconsumedEvents);
                _completion.CarryoverEvents.AddRange(_heldWhileSuspended.Where(e => e.EventRaised is not null));
                _completion.CarryoverEvents.AddRange(_arrivedAfterCompletion);
            }

            response.Actions.Add(new OrchestratorAction { Id = _context.NextSequenceNumber, CompleteOrchestration = _completion });
        }

        return response;
    }

    private OrchestratorResponse BuildFailure(NonDeterministicOrchestrationException nonDeterminism)
    {
        var response = NewResponse();
        var details = TaskFailureDetails.FromException(nonDeterminism) with { IsNonRetriable = true };
        response.Actions.Add(new OrchestratorAction
        {
            Id = _context.NextSequenceNumber,
            CompleteOrchestration = new CompleteOrchestrationAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                FailureDetails = details.ToProto(),
            },
        });
        return response;
    }

    private OrchestratorResponse NewResponse() => new()
    {
        InstanceId = _request.InstanceId,
        CustomStatus = _context.CustomStatusJson,
    };

    private static readonly TaskFailureDetails UnknownFailure = new("Unknown", "The task failed without failure details.");
}
