using FluentValidation;
using Jifang.Data;
using Jifang.Features.Access;
using Jifang.Features.Filing;
using Jifang.Features.Alarms;
using Jifang.Features.Audit;
using Jifang.Features.Compare;
using Jifang.Features.Compliance;
using Jifang.Features.Projects;
using Jifang.Features.Identity;
using Jifang.Features.Import;
using Jifang.Features.Records;
using Jifang.Features.Registry;
using Jifang.Features.Reports;
using Jifang.Features.Users;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Jifang.Infrastructure;

/// <summary>Builds the web platform: services, the request pipeline, the API and the pages.</summary>
public static class PlatformHost
{
    /// <summary>The rate limit of the citizens' portal (pages under /Portal).</summary>
    public const string PortalLimiter = "portal";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // ApplicationName: the pages and their parts are found in this assembly whoever hosts the platform (a test host too).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(PlatformHost).Assembly.GetName().Name,
        });
        // The server does not name itself (Server: Kestrel tells an attacker what to try).
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        configure?.Invoke(builder);
        AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        Jifang.Pages.Records.RecordText.Zone = app.Services.GetRequiredService<TimeProvider>().LocalTimeZone;
        UsePipeline(app);
        return app;
    }

    private static void AddServices(IServiceCollection s, ConfigurationManager config)
    {
        // TryAdd: a host (the tests, with a FakeTimeProvider) may bring its own clock in `configure`.
        s.TryAddSingleton(TimeProvider.System);
        s.AddSingleton(_ => PackSet.Load(config["Packs:Directory"] is { Length: > 0 } dir ? dir : PackSet.DefaultDirectory()));
        // The administrative divisions (packs/divisions): names everywhere a division shows, and the codes a form may choose.
        s.AddSingleton(_ => Jifang.Rules.Divisions.DivisionSet.Load(config["Packs:Directory"] is { Length: > 0 } dir ? dir : PackSet.DefaultDirectory()));
        s.AddJifangDatabase(config);
        s.AddOptions<ComplianceOptions>().Bind(config.GetSection(ComplianceOptions.Section))
            .Validate(o => o.Jurisdictions.Keys.All(k => k.Length is >= 2 and <= 6 && k.All(char.IsAsciiDigit)), "Compliance:Jurisdictions 的键应为 2 至 6 位行政区划代码前缀")
            .ValidateOnStart();
        s.AddScoped<ComplianceService>();
        s.AddOptions<AuditOptions>().Bind(config.GetSection(AuditOptions.Section))
            .Validate(o => o.TreeHeadInterval > TimeSpan.Zero, "Audit:TreeHeadInterval 应为正的时间间隔（如 00:10:00）")
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeyFile), "Audit:KeyFile 不能为空")
            .Validate(o => o.OutboxGrace >= TimeSpan.Zero, "Audit:OutboxGrace 不能为负（如 00:01:00）")
            .ValidateOnStart();
        s.AddSingleton<AuditSigner>();
        s.AddSingleton<AuditLog>();
        s.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        s.AddSingleton<AuditProofs>();
        s.AddSingleton<AuditTreeHeads>();
        s.AddScoped<AuditTrail>();
        if (config.GetValue("Audit:SignTreeHeads", true))
        {
            s.AddHostedService<AuditTreeHeadService>();
        }
        s.AddScoped<TrendRecorder>();
        if (config.GetValue("Compliance:RecordTrend", true))
        {
            s.AddHostedService<TrendService>();
        }
        s.AddAlarms(config);
        s.AddImport(config);
        // —— Records and access (issue 4) ——
        s.AddOptions<RecordsOptions>().Bind(config.GetSection(RecordsOptions.Section))
            .Validate(o => o.RetentionPolicies.All(kv => kv.Key.Length is >= 2 and <= 6 && kv.Key.All(char.IsAsciiDigit) && kv.Value is >= 1 and <= 3650),
                "Records:RetentionPolicies 的键应为 2 至 6 位行政区划代码前缀，值为 1 至 3650 日")
            .Validate(o => o.GapToleranceSeconds is >= 0 and <= 3600, "Records:GapToleranceSeconds 应在 0 至 3600 之间")
            .Validate(o => o.ClockSkewSeconds is >= 0 and <= 3600, "Records:ClockSkewSeconds 应在 0 至 3600 之间")
            .Validate(o => o.EarliestTime.Year >= 1970, "Records:EarliestTime 应不早于 1970-01-01")
            .ValidateOnStart();
        s.AddScoped<RetentionPolicy>();
        s.AddScoped<AccessJudge>();
        s.AddScoped<AccessService>();
        s.AddScoped<PortalService>();
        s.AddScoped<Features.Filing.FilingService>();
        s.AddSingleton<Features.Filing.FilingDeadlineWatch>();
        // Hourly: sites whose systems passed their filing deadline are judged again (the tests turn it off and run it themselves).
        if (config.GetValue("Filing:RunTimers", true))
        {
            s.AddHostedService(sp => sp.GetRequiredService<Features.Filing.FilingDeadlineWatch>());
        }
        s.AddSingleton<AuditProofLink>();
        s.AddSingleton<FindingPresenter>();
        s.AddValidatorsFromAssemblyContaining<SiteRequestValidator>(ServiceLifetime.Singleton);
        // A rule without a message of its own says it in Chinese (FluentValidation's zh-CN texts), naming the field as the
        // client wrote it ("name", not "Name").
        ValidatorOptions.Global.LanguageManager.Culture = new System.Globalization.CultureInfo("zh-CN");
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];

        s.AddJifangIdentity(config);
        s.AddJifangUsers();
        s.AddCompare();
        s.AddReports(config);
        s.AddProjects(config);
        s.AddAntiforgery(o =>
        {
            o.Cookie.Name = "jifang.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        s.AddJifangRateLimits(config);
        // A body the API cannot bind is an exception in every environment (by default only in Development), so that the one
        // exception handler answers it as a ValidationProblem naming the field, in Chinese.
        s.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        s.AddProblemDetails(o => o.CustomizeProblemDetails = ChineseProblems.Apply);
        s.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        s.AddOpenApi("v1", o => o.AddTextRules().AddPlatformDocument());
        // Chinese is written as text in the HTML, not as &#x...; entities.
        s.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        s.AddRazorPages(o =>
        {
            o.Conventions.ConfigureFilter(new TextPageFilter());
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToFolder("/Account");
            o.Conventions.AllowAnonymousToFolder("/Portal");
        });
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseJifangErrors();
        app.UseSecurityHeaders();
        // Routing first: it applies the endpoint's request size limit (an upload's [RequestSizeLimit]), which cannot be set once
        // the body has been read, as the form check below reads it (uploads logged "request body size limit could not be applied"
        // and were held to the server's default).
        app.UseRouting();
        app.UseNoNulInQueryOrForm();
        app.UseAuthentication();
        // The scope of the signed-in user filters every registry query of this request.
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<JifangDbContext>().Scope = Scope.From(context.User);
            context.RequestServices.GetRequiredService<AuditTrail>().Actor = AuditTrail.ActorOf(context.User);
            await next();
        });
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", ApiDocument.ConfigureReference).AllowAnonymous();

        app.MapGet("/css/site.css", () => Results.Text(SiteCss.Value, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/js/import.js", () => Results.Text(ImportJs.Value, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/js/alarms.js", () => Results.Text(AlarmsJs.Value, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        // Browsers ask for /favicon.ico whatever the page links (it was 404).
        app.MapGet("/favicon.ico", () => Results.Bytes(FaviconIco.Value, "image/x-icon")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/favicon.svg", () => Results.Bytes(FaviconSvg.Value, "image/svg+xml")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/js/portal.js", () => Results.Text(PortalJs.Value, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGroup("/api").DisableAntiforgery().RefuseBadText()
            .MapAuth()
            .MapUsers()
            .MapUnits()
            .MapSites()
            .MapSystems()
            .MapDevices()
            .MapActs()
            .MapProducts()
            .MapContractors()
            .MapTestingAgencies()
            .MapExperts()
            .MapPersonnel()
            .MapCompliance()
            .MapImport()
            .MapFindingsExport()
            .MapListExports()
            .MapAudit()
            .MapRecords()
            .MapHolds()
            .MapCoverage()
            .MapAccess()
            .MapFilings()
            .MapProjects()
            .MapAlarmCredentials()
            .MapAlarms()
            .MapAlarmWatch();
        app.MapAlarmIntake(app.Configuration.GetValue("Alarms:NoopEndpoint", false));
        app.MapRazorPages();
    }

    private static readonly Lazy<string> SiteCss = new(() => Resource("site.css"));

    private static readonly Lazy<string> ImportJs = new(() => Resource("import.js"));

    private static readonly Lazy<string> AlarmsJs = new(() => Resource("alarms.js"));

    private static readonly Lazy<byte[]> FaviconIco = new(() => Bytes("favicon.ico"));

    private static readonly Lazy<byte[]> FaviconSvg = new(() => Bytes("favicon.svg"));

    private static byte[] Bytes(string name)
    {
        using var stream = typeof(PlatformHost).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
    private static readonly Lazy<string> PortalJs = new(() => Resource("portal.js"));

    private static string Resource(string name)
    {
        using var stream = typeof(PlatformHost).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Applies migrations (when configured) and makes sure every role exists.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.AutoMigrate)
        {
            await db.MigrateAsync(ct);
        }
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        // Audit entries saved with a change by a process that stopped before the log appended them.
        var audit = services.GetRequiredService<AuditLog>();
        await audit.RecoverAsync(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuditOptions>>().Value.OutboxGrace, ct);
    }
}
