namespace Meditron.Core.Generation;

/// <summary>Where a request of the API's async mode stands.</summary>
public enum AnswerStatus
{
    /// <summary>Accepted; the answer is being written.</summary>
    Pending,
    /// <summary>The checked answer is kept (it may be an abstention: that is an answer too).</summary>
    Completed,
    /// <summary>No answer will come; <see cref="AnswerEntry.Reason"/> says why.</summary>
    Failed,
}
