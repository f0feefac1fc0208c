using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Errors;

/// <summary>
/// Holds every request body to its limit: uploads to Api:MaxUploadMegabytes, everything else to Api:MaxRequestKilobytes.
/// A declared length above it is refused at once (413 ProblemDetails, nothing read); a body that grows past it while
/// read fails in the server (Kestrel's limit, set here per request), which the exception handler turns into a 413.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        bool upload = context.GetEndpoint()?.Metadata.GetMetadata<UploadEndpointAttribute>() is not null;
        long limit = upload ? options.Value.MaxUploadBytes : options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request too large",
                    Detail = $"The body is {context.Request.ContentLength} bytes; this endpoint accepts at most {limit} ({(upload ? "Api:MaxUploadMegabytes" : "Api:MaxRequestKilobytes")}).",
                },
            });
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        await next(context);
    }
}
