namespace Jifang.Features.Audit;

/// <summary>The audit log's log messages (source-generated).</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "审计签名私钥文件 {File} 的权限为 {Mode}，组或其他用户可读写；应为 600")]
    public static partial void KeyFileTooOpen(this ILogger logger, string file, UnixFileMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "已创建审计日志签名密钥 {File}（公钥标识 {KeyId}）")]
    public static partial void KeyCreated(this ILogger logger, string file, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "无法写入审计签名公钥文件 {File}")]
    public static partial void PublicKeyNotWritten(this ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "审计日志写入失败（{Count} 条），相关操作均未确认")]
    public static partial void BatchFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "审计日志：另一进程已追加条目，已读入后重试（第 {Attempt} 次）")]
    public static partial void CaughtUp(this ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Critical, Message = "审计日志有 {Count} 条条目，却没有任何签名检查点。请运行 jifang audit verify 检查。")]
    public static partial void NoCheckpoint(this ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "审计日志与最后一个签名检查点（{Size} 条）不符（数据库中有 {Count} 条）：日志可能被篡改。请运行 jifang audit verify 检查。")]
    public static partial void CheckpointMismatch(this ILogger logger, long size, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "已签名审计日志树头：{Size} 条，根 {Root}")]
    public static partial void TreeHeadSigned(this ILogger logger, long size, string root);

    [LoggerMessage(Level = LogLevel.Error, Message = "签名审计日志树头失败")]
    public static partial void TreeHeadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "审计日志：已补写 {Count} 条随变更保存、但未及写入日志的条目（进程曾在提交与写入之间中断）")]
    public static partial void Recovered(this ILogger logger, int count);
}
