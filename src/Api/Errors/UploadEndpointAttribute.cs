namespace Meditron.Api.Errors;

/// <summary>Endpoint metadata: the body is a PDF upload, held to Api:MaxUploadMegabytes instead of Api:MaxRequestKilobytes.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class UploadEndpointAttribute : Attribute;
