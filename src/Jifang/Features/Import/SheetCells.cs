using System.Globalization;
using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;
using Jifang.Rules.Text;

namespace Jifang.Features.Import;

/// <summary>The cells of one row, read by header: text, lists, yes/no, numbers, dates. Problems that no validator can see
/// (a yes/no cell that says neither) are added to the errors here.</summary>
internal sealed class RowCells(SheetTable table, IReadOnlyDictionary<string, int> index, SheetRow row, RowOrigin origin, List<ImportError> errors)
{
    private static readonly char[] ListSeparators = [';', '；', '、', ',', '，', '\n', '\r'];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日"];

    public RowOrigin Origin => origin;
    public SheetTable Table => table;

    public object? Raw(string header) => index.TryGetValue(header, out var i) && i < row.Cells.Length ? row.Cells[i] : null;

    public string? Text(string header) => SheetReader.Text(Raw(header));

    public List<string> List(string header, Func<string, string>? normalize = null) =>
        Text(header) is { } text
            ? text.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(normalize ?? (s => s)).ToList()
            : [];

    public List<string> Codes<T>(string header, VocabTable<T> table) where T : struct, Enum => List(header, s => VocabText.Code(table, s));

    /// <summary>是/否 (also true/false, 1/0, Y/N, √/×); a blank cell is 否.</summary>
    public bool Bool(string header) => OptionalBool(header) ?? false;

    public bool? OptionalBool(string header)
    {
        var raw = Raw(header);
        if (raw is bool b)
        {
            return b;
        }
        if (raw is double d && d is 0 or 1)
        {
            return d == 1;
        }
        var text = SheetReader.Text(raw);
        if (text is null)
        {
            return null;
        }
        switch (text.ToUpperInvariant())
        {
            case "是" or "有" or "TRUE" or "1" or "Y" or "YES" or "√" or "✓":
                return true;
            case "否" or "无" or "FALSE" or "0" or "N" or "NO" or "×" or "✗":
                return false;
            default:
                errors.Add(origin.Column(header, $"应填“是”或“否”，实际为“{Short(text)}”"));
                return null;
        }
    }

    public int? Int(string header)
    {
        var raw = Raw(header);
        if (raw is double d)
        {
            if (d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }
        }
        else if (SheetReader.Text(raw) is not { } text)
        {
            return null;
        }
        else if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        errors.Add(origin.Column(header, $"应为整数，实际为“{Short(SheetReader.Text(raw) ?? "")}”"));
        return null;
    }

    public DateOnly? Date(string header)
    {
        var raw = Raw(header);
        switch (raw)
        {
            case null:
                return null;
            case DateTime t:
                return DateOnly.FromDateTime(t);
            case double serial when serial is > 0 and < 2958466:
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            default:
                break;
        }
        var text = SheetReader.Text(raw);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(origin.Column(header, $"日期应为 YYYY-MM-DD，实际为“{Short(text)}”"));
        return null;
    }

    private static string Short(string text) => PlainText.Visible(text.Length > 40 ? text[..37] + "…" : text);
}

/// <summary>Builds the registry requests from rows; the same requests the API validates.</summary>
internal static class RowRequests
{
    public static SystemRequest System(RowCells c)
    {
        var reviewDate = c.Date(Sheets.ReviewDate);
        var organizer = c.Text(Sheets.ReviewOrganizer) is { } o ? VocabText.Code(Vocab.Organizers, o) : null;
        var inspectionDate = c.Date(Sheets.InspectionDate);
        var acceptanceDate = c.Date(Sheets.AcceptanceDate);
        // A step "held" column left blank counts as held when the step's date is given.
        var reviewHeld = c.OptionalBool(Sheets.ReviewHeld) ?? reviewDate is not null;
        var inspectionHeld = c.OptionalBool(Sheets.InspectionHeld) ?? inspectionDate is not null;
        var acceptanceHeld = c.OptionalBool(Sheets.AcceptanceHeld) ?? acceptanceDate is not null;
        var qualified = c.Bool(Sheets.InspectionQualified);
        var inspectionPassed = c.Bool(Sheets.InspectionPassed);
        var acceptancePassed = c.Bool(Sheets.AcceptancePassed);
        var police = c.Bool(Sheets.AcceptancePolice);
        return new SystemRequest(
            c.Text(Sheets.SystemName),
            c.Codes(Sheets.Subsystems, Vocab.Subsystems),
            c.Codes(Sheets.Covers, Vocab.Parts),
            c.Bool(Sheets.NewConstruction),
            reviewHeld || organizer is not null ? new StepRequest(reviewHeld, organizer, false, false, false, reviewDate) : null,
            inspectionHeld ? new StepRequest(true, null, qualified, inspectionPassed, false, inspectionDate) : null,
            acceptanceHeld ? new StepRequest(true, null, false, acceptancePassed, police, acceptanceDate) : null,
            c.Bool(Sheets.InService),
            c.Bool(Sheets.InterfaceReserved),
            c.Bool(Sheets.AlarmNetworked),
            c.Int(Sheets.RetentionDays),
            c.Bool(Sheets.PersonnelTrained),
            [],
            [],
            c.Date(Sheets.InServiceSince),
            c.Bool(Sheets.SignagePosted));
    }
}
