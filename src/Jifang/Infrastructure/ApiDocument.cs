using Jifang.Features.Alarms;
using Jifang.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Jifang.Infrastructure;

/// <summary>
/// The OpenAPI document as a new user reads it at /scalar: title and introduction in Chinese, and the two ways in declared as
/// security schemes — a user's bearer token (POST /api/auth/token) and a system's alarm key (header X-Api-Key) — each listed
/// on the operations that take it: the token where the endpoint requires authorization (its IAuthorizeData, unless
/// IAllowAnonymous), with the policies it asks for as the requirement's roles (OpenAPI 3.1 allows role names for schemes
/// other than OAuth2) and the roles of each policy written out in the scheme; the key where the endpoint says so
/// (<see cref="WithApiKeySecurity{TBuilder}"/>). Also the paging parameters every list shares, and the responses in Chinese.
/// An operation's own summary, description and parameters are the XML comments of its handler, which the OpenAPI source
/// generator reads (GenerateDocumentationFile); a form field is described by a [Description] on its parameter, since the
/// generator gives a form field's &lt;param&gt; to the whole body.
/// </summary>
public static class ApiDocument
{
    public const string Title = "技防监管平台 API";
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";

    private const string Introduction = """
        技防监管平台的接口：使用单位、场所、技防系统、设备与行为的登记，产品、从业单位与从业人员名录，合规判定与统计，数据导入导出，信息资料登记、留存与证据保全，查阅、复制与调取，报警联网接入与处置，审计日志。

        **授权**：除取得令牌和审计公钥外，用户接口都要令牌。先调用 `POST /api/auth/token`（请求体 `{"userName": "…", "password": "…"}`）取得 `accessToken`，再在本页的认证设置中选 `Bearer` 填入；令牌 1 小时内有效。报警联网接入（`/api/intake/…`）不用令牌，而用平台为每个技防系统签发的密钥：选 `ApiKey` 填入 `jfk_…`，它随请求头 `X-Api-Key` 发送。

        **范围**：每个查询只见调用者辖区（公安机关按行政区划代码前缀）或本单位的记录；范围外的记录答复 404，在辖区外新建答复 403。

        **错误**：答复为中文的 RFC 7807 问题详情（ProblemDetails）；校验错误为 400，`errors` 以请求中所写的字段路径为键（如 `name`、`products[0].model`）。每个字符串不得含控制字符，单行字段不得换行，长度见各字段的 `maxLength`。

        **列表**：参数 `page`（从 1 起）与 `pageSize`（默认 20，至多 200），答复 `{"items": […], "total": N, "pageNumber": p, "pageSize": s}`。
        """;

    private const string BearerDescription = """
        用户令牌：调用 `POST /api/auth/token` 取得 `accessToken`，在此填入（不带 `Bearer ` 前缀），每个请求即带请求头 `Authorization: Bearer <令牌>`。令牌 1 小时内有效；调用者退出（`POST /api/auth/sign-out`）、密码更改、账户被锁定或删除后即失效（401）。

        每个接口的安全要求列出它所需的权限（策略），各策略允许的角色如下：
        """;

    private const string ApiKeyDescription = """
        报警联网密钥：平台为每个技防系统签发（`POST /api/systems/{systemId}/alarm-credentials`，答复中的 `key`，形如 `jfk_…`，只显示这一次），系统以请求头 `X-Api-Key` 发送。轮换（`POST /api/alarm-credentials/{id}/rotate`）或吊销后旧密钥立即失效（401）。只用于 `/api/intake/…`。
        """;

    /// <summary>
    /// The reference page (/scalar) as a police network needs it: everything it loads comes from the platform (the page,
    /// its scripts and the document are served by Scalar.AspNetCore from the application), so the fonts from Scalar's CDN
    /// are off, and so is every feature that talks to Scalar's cloud: the AI agent ("Ask AI"), MCP, the developer tools
    /// toolbar ("Deploy", "Share", "Generate SDK"), the button that opens the separate API client, and telemetry. The UI is
    /// in simplified Chinese (Scalar's built-in zh-CN translations). A fresh script nonce on every request lets
    /// <see cref="SecurityHeaders"/> send a content policy that forbids the browser any other host.
    /// </summary>
    public static void ConfigureReference(ScalarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.WithTitle(Title)
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .WithLocalization(new ScalarLocalizationOptions { Locale = "zh-CN" })
            .AddPreferredSecuritySchemes(BearerScheme)
            .WithNonce();
    }

    public static OpenApiOptions AddPlatformDocument(this OpenApiOptions options)

    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<ApiKeySecurity>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] }];
            }
            else if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = policies }];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse());
                if (policies.Count > 0)
                {
                    operation.Responses.TryAdd("403", new OpenApiResponse());
                }
            }
            DescribeFormFields(operation, context);
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Description is null))
            {
                parameter.Description = parameter.Name switch
                {
                    "page" => "页码，从 1 起（默认 1）",
                    "pageSize" => "每页条数（默认 20，至多 200）",
                    _ => null,
                };
            }
            foreach (var (code, response) in operation.Responses ?? [])
            {
                if (response is OpenApiResponse r && int.TryParse(code, out var status)
                    && (string.IsNullOrEmpty(r.Description) || r.Description == ReasonPhrases.GetReasonPhrase(status)))
                {
                    r.Description = Response(status) ?? r.Description;
                }
            }
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo { Title = Title, Version = "v1", Description = Introduction };
            LiftNullableDescriptions(document);
            var authorization = context.ApplicationServices.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
            var policies = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(o => o.Security ?? []).SelectMany(r => r).Where(r => r.Key.Reference.Id == BearerScheme)
                .SelectMany(r => r.Value).Distinct().Order(StringComparer.Ordinal)
                .Select(p => $"- `{p}`：{string.Join("、", authorization.GetPolicy(p)?.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Select(Roles.Label) ?? [])}");
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = BearerDescription + "\n" + string.Join("\n", ["- 无策略：任何已登录的用户", .. policies]),
            };
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeys.Header, Description = ApiKeyDescription,
            };
            return Task.CompletedTask;
        });
        return options;
    }

    /// <summary>
    /// A form field's description: the generator gives a form field's &lt;param&gt; to the whole body and ignores a
    /// [Description] on the parameter, so the field of the multipart schema takes it from here.
    /// </summary>
    private static void DescribeFormFields(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("multipart/form-data", out var form) || form.Schema is not { } schema)
        {
            return;
        }
        var described = context.Description.ParameterDescriptions
            .Select(p => (p.Name, Text: (p.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo
                .GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault()?.Description))
            .Where(p => p.Text is not null)
            .ToDictionary(p => p.Name, p => p.Text!, StringComparer.OrdinalIgnoreCase);
        foreach (var part in new[] { schema }.Concat(schema.AllOf ?? []))
        {
            foreach (var (name, property) in part.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (described.TryGetValue(name, out var text))
                {
                    Describe(property, text);
                }
            }
        }
    }

    private static void Describe(IOpenApiSchema schema, string text)
    {
        switch (schema)
        {
            case OpenApiSchemaReference reference:
                reference.Description = text;
                break;
            case OpenApiSchema s:
                s.Description = text;
                break;
        }
    }

    /// <summary>
    /// A nullable property of an object type is written <c>oneOf: [null, {$ref, description}]</c>: its description sits
    /// beside the reference, where the reference page does not show it. It goes on the property itself.
    /// </summary>
    private static void LiftNullableDescriptions(OpenApiDocument document)
    {
        foreach (var schema in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
        {
            foreach (var property in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>()
                .Where(p => string.IsNullOrEmpty(p.Description)))
            {
                property.Description = (property.OneOf ?? []).OfType<OpenApiSchemaReference>().Select(r => r.Reference.Description).FirstOrDefault(d => !string.IsNullOrEmpty(d));
            }
        }
    }

    /// <summary>What an answer of this status means, for the responses the handlers' types declare.</summary>

    private static string? Response(int status) => status switch
    {
        200 => "成功",
        201 => "已创建（`Location` 指向新记录）",
        202 => "已受理",
        204 => "成功，无内容",
        400 => "请求无效：问题详情的 `errors` 指明字段",
        401 => "未登录，或令牌（密钥）无效、已失效",
        403 => "无此权限，或超出您的辖区、本单位范围（`field` 指明字段）",
        404 => "不存在，或不在您的范围内",
        409 => "与记录的现状冲突",
        413 => "请求或文件过大",
        415 => "不支持的内容类型",
        423 => "账户已被管理员锁定",
        429 => "请求过于频繁，请按 `Retry-After` 的秒数后再试",
        503 => "暂不可用，请稍后重试",
        _ => null,
    };

    /// <summary>
    /// Declares in the document that the endpoint takes a system's alarm key (header X-Api-Key). The handler checks the key
    /// itself: to ASP.NET Core's authorization the endpoint is anonymous.
    /// </summary>
    public static TBuilder WithApiKeySecurity<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeySecurity.Instance);

    /// <summary>
    /// Describes the request body of an endpoint that reads its body itself (declared with Accepts&lt;T&gt;, so no handler
    /// parameter carries a &lt;param&gt; for it).
    /// </summary>
    public static TBuilder WithBodyDescription<TBuilder>(this TBuilder builder, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Description = description;
            }
            return Task.CompletedTask;
        });

    /// <summary>The metadata <see cref="WithApiKeySecurity{TBuilder}"/> adds.</summary>

    public sealed class ApiKeySecurity
    {
        public static readonly ApiKeySecurity Instance = new();

        private ApiKeySecurity()
        {
        }
    }
}
