namespace Meditron.Messaging;

/// <summary>
/// The transport could not do what was asked (the broker stayed away past Messaging:PublishTimeoutSeconds, or
/// refused). The message names the queue and the broker's host, never its password.
/// </summary>
public sealed class MessagingException : Exception
{
    public MessagingException()
    {
    }

    public MessagingException(string message)
        : base(message)
    {
    }

    public MessagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
