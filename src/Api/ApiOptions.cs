using System.ComponentModel.DataAnnotations;

namespace Meditron.Api;

/// <summary>Limits and access settings of the REST API (section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest PDF accepted by POST /v1/documents.</summary>
    [Range(1, 4096)]
    public int MaxUploadMegabytes { get; set; } = 200;

    /// <summary>Largest JSON body of any other request.</summary>
    [Range(1, 10_240)]
    public int MaxRequestKilobytes { get; set; } = 64;

    /// <summary>Longest question (or search query) accepted, in characters.</summary>
    [Range(10, 100_000)]
    public int MaxQuestionCharacters { get; set; } = 2000;

    /// <summary>Requests each API key may make per second, sustained (token bucket, per key; per client address without a key).</summary>
    [Range(1, 100_000)]
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>Requests a key may make at once above the sustained rate.</summary>
    [Range(1, 100_000)]
    public int RequestBurst { get; set; } = 40;

    /// <summary>Origins allowed to call the API from a browser (web chatbots); empty: no cross-origin calls.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>
    /// The address callers reach the API at (https://guidelines.example.org), for the links in citations behind a proxy;
    /// null: the address of each request.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Lets Prometheus scrape /metrics without a key (inside a cluster); otherwise /metrics needs the admin scope.</summary>
    public bool AnonymousMetrics { get; set; }

    /// <summary>Serves the clinic web page at / (a cluster whose people use only chatbots or an EHR may turn it off).</summary>
    public bool WebPage { get; set; } = true;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public long MaxRequestBytes => MaxRequestKilobytes * 1024L;
}
