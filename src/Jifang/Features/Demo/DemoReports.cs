using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Reports;

namespace Jifang.Features.Demo;

/// <summary>
/// A 举报 of the demo (national 第二十四条第二款): a camera in a hotel room of the showcase county of 内蒙古, submitted
/// through the same service as the form and waiting for the county police (nmg.police.xincheng) to accept and answer it.
/// </summary>
internal static class DemoReports
{
    public static async Task<string> SeedAsync(IServiceProvider sp, DemoBuilder demo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sp);
        ArgumentNullException.ThrowIfNull(demo);
        sp.GetRequiredService<JifangDbContext>().Scope = Scope.All;
        var county = demo.Showcase[DemoDivisions.Nmg].DivisionCode;
        var outcome = await sp.GetRequiredService<ReportService>().SubmitAsync(new ReportInput
        {
            DivisionCode = county,
            Place = "新城区某快捷酒店 305 房间",
            Installed = "客房烟感探测器内藏有摄像头",
            Provision = "8.1",
            Description = "入住后发现烟感探测器内有一个带指示灯的摄像头，镜头对着床铺。",
            Contact = null,
        }, ct);
        return outcome.Report is { } report ? $"  举报 {report.Number}（{county}，待受理），见 /Reports（nmg.police.xincheng）或 /Reports/Status\n" : "";
    }
}
