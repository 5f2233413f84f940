using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Records;

/// <summary>
/// A batch of records as a system reports them. The times are the system's word, and retention is counted from them (with the
/// registration, see <see cref="RetentionPolicy.KeptSince"/>), so times no clock could have given are refused, naming the field:
/// before <see cref="RecordsOptions.EarliestTime"/>, or ahead of the platform's clock by more than
/// <see cref="RecordsOptions.ClockSkewSeconds"/>.
/// </summary>
public sealed class RecordBatchValidator : AbstractValidator<RecordBatchRequest>
{
    public RecordBatchValidator(TimeProvider time, IOptions<RecordsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(x => x.Records).NotEmpty().WithMessage("至少登记一条记录");
        RuleFor(x => x.Records).Must(r => r is null || r.Count <= RecordsApi.MaxBatch).WithMessage($"一次最多登记 {RecordsApi.MaxBatch} 条记录");
        // The API refuses a null element before this validator runs (TextInput.RefuseBadText); the demo calls the handler directly.
        RuleForEach(x => x.Records).NotNull().WithMessage("记录不能为空").ChildRules(r =>
        {
            r.RuleFor(x => x.Kind).NotEmpty().WithMessage("缺少记录类型")
                .Must(k => k is null || RecordKinds.All.ContainsKey(k))
                .WithMessage((_, k) => $"未知的记录类型 \"{k}\"（可选：{string.Join("、", RecordKinds.All.Keys)}）");
            r.RuleFor(x => x.StartsAt).NotNull().WithMessage("缺少开始时间");
            r.RuleFor(x => x.EndsAt).NotNull().WithMessage("缺少结束时间");
            r.RuleFor(x => x.StartsAt).Must(t => Plausible(t, time, options.Value) is null).WithMessage((_, t) => Plausible(t, time, options.Value)!("开始时间"));
            r.RuleFor(x => x.EndsAt).Must(t => Plausible(t, time, options.Value) is null).WithMessage((_, t) => Plausible(t, time, options.Value)!("结束时间"));
            r.RuleFor(x => x.EndsAt).Must((x, end) => x.StartsAt is null || end is null || end > x.StartsAt).WithMessage("结束时间应晚于开始时间");
            r.RuleFor(x => x.EndsAt).Must((x, end) => x.StartsAt is null || end is null || end - x.StartsAt <= TimeSpan.FromDays(1))
                .WithMessage("一条记录的时间段不能超过 24 小时，请分段登记");
            r.RuleFor(x => x.StorageLocation).NotEmpty().WithMessage("缺少存储位置").MaximumLength(500);
            r.RuleFor(x => x.SizeBytes).NotNull().WithMessage("缺少文件大小").GreaterThanOrEqualTo(0).WithMessage("文件大小不能为负数");
            r.RuleFor(x => x.Sha256).NotEmpty().WithMessage("缺少 SHA-256")
                .Matches("^[0-9a-fA-F]{64}\\z").WithMessage("SHA-256 应为 64 位十六进制数字");
        }).When(x => x.Records is not null);
    }

    /// <summary>Null when the time could be true; else the message for the field, given its name.</summary>
    private static Func<string, string>? Plausible(DateTimeOffset? t, TimeProvider time, RecordsOptions options)
    {
        if (t is not { } value)
        {
            return null;
        }
        if (value < options.EarliestTime)
        {
            return field => string.Create(CultureInfo.InvariantCulture,
                $"{field}早于平台接受的最早时间 {options.EarliestTime:yyyy-MM-dd}（Records:EarliestTime），请核对系统时钟");
        }
        if (value > time.GetUtcNow().AddSeconds(options.ClockSkewSeconds))
        {
            return field => string.Create(CultureInfo.InvariantCulture,
                $"{field}晚于平台当前时间超过 {options.ClockSkewSeconds} 秒（Records:ClockSkewSeconds），请核对系统时钟");
        }
        return null;
    }
}
