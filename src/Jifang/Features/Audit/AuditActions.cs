namespace Jifang.Features.Audit;

/// <summary>
/// Every action the platform logs, with its Chinese name: the vocabulary of the audit log. An action outside it is refused
/// when it is added (<see cref="AuditLog.Normalize"/>), so that the log never shows a reader a code it cannot name, and a
/// new action is named here before anything can log it. Actions are "kind.verb": a registry change of any kind
/// ("site.updated"), a step of an alarm's handling ("alarm.confirmed"), a refusal ("hold.refused-released").
/// </summary>
public static class AuditActions
{
    /// <summary>The kinds, by the part before the dot, with what the filter of the log's page calls them.</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["unit"] = "单位", ["site"] = "场所", ["system"] = "技防系统", ["device"] = "设备", ["act"] = "行为登记",
        ["product"] = "技防产品", ["contractor"] = "从业单位", ["person"] = "从业人员", ["finding"] = "问题",
        ["alarm"] = "报警", ["record"] = "信息资料", ["hold"] = "证据保全", ["access"] = "查阅调取",
        ["import"] = "导入", ["auth"] = "登录", ["user"] = "用户", ["demo"] = "演示数据", ["filing"] = "视频系统备案", ["report"] = "举报",
        ["project"] = "建设项目", ["testing-agency"] = "检测机构", ["expert"] = "技防专家",
    };

    private static readonly string[] RegistryKinds = ["unit", "site", "system", "device", "act", "product", "contractor", "person", "testing-agency", "expert"];

    private static readonly Dictionary<string, string> RegistryVerbs = new(StringComparer.Ordinal)
    {
        ["created"] = "新建", ["updated"] = "修改", ["archived"] = "归档", ["moved-out"] = "迁出",
    };

    /// <summary>Every other action, whole.</summary>
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["finding.raised"] = "发现问题", ["finding.cleared"] = "消除问题",
        ["import.completed"] = "完成导入", ["demo.seeded"] = "生成演示数据",
        ["user.created"] = "新建用户", ["user.updated"] = "修改用户", ["user.disabled"] = "停用用户", ["user.enabled"] = "启用用户",
        ["user.password-reset"] = "重置密码", ["user.role-changed"] = "变更角色", ["user.scope-changed"] = "变更用户范围",
        ["auth.signed-in"] = "登录成功", ["auth.sign-in-failed"] = "登录失败", ["auth.locked-out"] = "账户锁定",
        ["auth.throttled"] = "登录受限", ["auth.signed-out"] = "退出登录", ["auth.session-ended"] = "会话结束",
        // Alarm handling (AlarmCodes.Step*), the platform's alerts (AlarmCodes.Alert*), credentials and maintenance.
        ["alarm.confirmed"] = "确认报警", ["alarm.dismissed"] = "排除误报", ["alarm.reported"] = "报告公安机关",
        ["alarm.unhandled"] = "未处置报警上报", ["alarm.escalated"] = "报警逐级上报", ["alarm.acknowledged"] = "公安机关签收",
        ["alarm.outcome"] = "处警反馈",
        ["alarm.system-offline"] = "系统离线", ["alarm.system-online"] = "系统恢复在线", ["alarm.system-shut-down"] = "系统擅自关闭",
        ["alarm.flood"] = "报警洪泛", ["alarm.credential-issued"] = "签发报警联网凭据", ["alarm.credential-rotated"] = "轮换报警联网凭据",
        ["alarm.credential-revoked"] = "吊销报警联网凭据", ["alarm.maintenance-registered"] = "登记系统维护",
        ["record.registered"] = "登记信息资料", ["record.deleted"] = "删除信息资料", ["record.delete-refused"] = "拒绝删除信息资料",
        ["hold.proposed"] = "提出证据保全", ["hold.confirmed"] = "确认证据保全", ["hold.release-proposed"] = "提出解除保全",
        ["hold.released"] = "解除证据保全", ["hold.refused-confirmed"] = "拒绝确认保全（提出人自行确认）",
        ["hold.refused-released"] = "拒绝解除保全", ["hold.refused-release-proposed"] = "拒绝提出解除保全",
        ["access.opened"] = "提出公务查阅申请", ["access.cosigned"] = "会签查阅申请", ["access.filed"] = "公民提出查阅申请",
        ["access.consented"] = "使用单位同意查阅", ["access.declined"] = "使用单位不同意查阅", ["access.approved"] = "公安机关批准复制",
        ["access.approval-refused"] = "公安机关不批准复制", ["access.refused"] = "依条例不予办理", ["access.view"] = "登记查阅",
        ["access.copy"] = "登记复制", ["access.retrieve"] = "登记调取", ["access.package-downloaded"] = "下载导出包",
        // 备案 of video systems (公共安全视频图像信息系统管理条例 第十四条).
        ["filing.submitted"] = "提交备案", ["filing.change-submitted"] = "提交备案变更", ["filing.resubmitted"] = "更正后重新提交备案",
        ["filing.accepted"] = "公安机关受理备案", ["filing.returned"] = "公安机关退回备案",
        // 举报 (national 第二十四条第二款): filed by anyone, handled by the county police.
        ["report.submitted"] = "提出举报", ["report.accepted"] = "受理举报", ["report.handled"] = "举报已处理", ["report.rejected"] = "举报不予受理",
        // Build projects (province-2012 第十条、第十一条; nmg-2007 第十三条): every step of the workflow (ProjectActions), a
        // refused step, and every view or download of a project document (第十五条 / 第十六条 confidentiality).
        ["project.created"] = "建设项目立项", ["project.submitted-design"] = "提交设计方案论证", ["project.panel-drawn"] = "抽取论证专家",
        ["project.opinion-filed"] = "专家提交论证意见", ["project.review-concluded"] = "作出论证结论", ["project.review-signed"] = "会签论证结论",
        ["project.review-returned"] = "论证未通过退回", ["project.correction-answered"] = "答复整改意见",
        ["project.submitted-inspection"] = "竣工委托检测", ["project.report-filed"] = "提交检测报告",
        ["project.acceptance-recorded"] = "记录验收结论", ["project.acceptance-signed"] = "公安机关会同验收",
        ["project.acceptance-refused"] = "公安机关不同意验收结论", ["project.put-in-service"] = "技防系统投入使用",
        ["project.withdrawn"] = "撤回建设项目", ["project.document-uploaded"] = "上传项目文件", ["project.document-viewed"] = "查看或下载项目文件",
        ["project.refused"] = "拒绝越过建设项目关口",
    };

    /// <summary>The Chinese name of an action; an action outside the vocabulary shows as it is (the log of an older version).</summary>
    public static string Label(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Find(action) ?? action;
    }

    /// <summary>Whether the platform may log this action (it has a name).</summary>
    public static bool IsKnown(string action) => action is not null && Find(action) is not null;

    private static string? Find(string action)
    {
        if (Named.TryGetValue(action, out var named))
        {
            return named;
        }
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && RegistryKinds.Contains(action[..dot]) && RegistryVerbs.TryGetValue(action[(dot + 1)..], out var verb)
            ? verb + Kinds[action[..dot]]
            : null;
    }

    /// <summary>The action filters the page offers: (value, label); a value ending in '.' matches every action of that kind.</summary>
    public static IReadOnlyList<(string Value, string Label)> Filters { get; } = Kinds.Select(k => ($"{k.Key}.", k.Value)).ToList();
}
