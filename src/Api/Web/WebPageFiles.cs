using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Meditron.Api.Web;

/// <summary>
/// The clinic web page (Web/Page): static files embedded in this assembly, served at / without a key (they hold no
/// data; the page asks for a key and calls the public API with it). Nothing is loaded from elsewhere, which the
/// Content-Security-Policy also enforces.
/// </summary>
public static class WebPageFiles
{
    /// <summary>
    /// Only this origin's scripts, styles and calls; frames and objects from blob: addresses, which is how the page
    /// shows a PDF fetched with the key in the browser's own viewer.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' blob:; " +
        "frame-src 'self' blob:; object-src 'self' blob:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    public static WebApplication UseWebPage(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.WebPage)
        {
            return app;
        }
        var files = new ManifestEmbeddedFileProvider(typeof(WebPageFiles).Assembly, "Web/Page");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidated each time (the ETag makes that cheap): a new version of the page shows after an upgrade.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
