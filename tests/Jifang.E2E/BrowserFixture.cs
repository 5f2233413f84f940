using Microsoft.Playwright;

namespace Jifang.E2E;

/// <summary>Debian's Chromium driven by Playwright; never downloads a browser of its own.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public PlatformServer Server { get; } = new();

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("JIFANG_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public Task<IPage> NewPageAsync() => NewPageAsync(null);

    /// <summary>A page of a context of its own, <paramref name="width"/> px wide (a desktop or a phone) when given.</summary>
    public async Task<IPage> NewPageAsync(int? width)
    {
        var options = new BrowserNewContextOptions { BaseURL = Server.BaseAddress.ToString(), Locale = "zh-CN" };
        if (width is { } w)
        {
            options.ViewportSize = new ViewportSize { Width = w, Height = w < 800 ? 844 : 900 };
            options.IsMobile = w < 800;
            options.HasTouch = w < 800;
        }
        var context = await Browser.NewContextAsync(options);
        // test.sh runs the test projects side by side on a small shared machine: a form post that takes Playwright's default
        // 30 s there is slow, not wrong. Waits still end, with the step that did not happen named in the failure.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
