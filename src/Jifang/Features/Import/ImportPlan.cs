using System.Text;
using Jifang.Features.Registry;

namespace Jifang.Features.Import;

#pragma warning disable CA1002 // plan lists are built up by the readers

/// <summary>Where something in the input came from, so that a problem found later names the row and column (or JSON path).</summary>
internal abstract class Origin
{
    /// <summary>A problem with a field: <paramref name="property"/> is a request property path as FluentValidation names it
    /// ("Categories[0]", "DesignReview.Organizer"), or null for the whole row or element.</summary>
    public abstract ImportError At(string? property, string message);

    /// <summary>"Products[2].Model" → ("Model", 2) for <paramref name="collection"/> "Products".</summary>
    public static bool TryElement(string property, string collection, out int index, out string rest)
    {
        index = -1;
        rest = "";
        if (!property.StartsWith(collection + "[", StringComparison.Ordinal))
        {
            return false;
        }
        var close = property.IndexOf(']', collection.Length);
        if (close < 0 || !int.TryParse(property.AsSpan(collection.Length + 1, close - collection.Length - 1), System.Globalization.CultureInfo.InvariantCulture, out index))
        {
            return false;
        }
        rest = property[(close + 1)..].TrimStart('.');
        return true;
    }

    /// <summary>"Categories[0]" → "Categories", "DesignReview.Organizer" stays.</summary>
    public static string WithoutIndexes(string property)
    {
        var sb = new StringBuilder(property.Length);
        var depth = 0;
        foreach (var ch in property)
        {
            if (ch == '[') { depth++; }
            else if (ch == ']') { depth--; }
            else if (depth == 0) { sb.Append(ch); }
        }
        return sb.ToString();
    }
}

/// <summary>A row of a CSV file or worksheet; properties map to its column headers.</summary>
internal sealed class RowOrigin(string? sheet, int row, IReadOnlyDictionary<string, string> columns) : Origin
{
    public string? Sheet { get; } = sheet;
    public int Row { get; } = row;

    public override ImportError At(string? property, string message)
    {
        string? column = null;
        if (property is not null)
        {
            var plain = WithoutIndexes(property);
            if (!columns.TryGetValue(plain, out column))
            {
                var dot = plain.IndexOf('.', StringComparison.Ordinal);
                columns.TryGetValue(dot < 0 ? plain : plain[..dot], out column);
            }
        }
        return new ImportError(Sheet, Row, column, null, message);
    }

    public ImportError Column(string column, string message) => new(Sheet, Row, column, null, message);
}

/// <summary>An element of a facts file; properties map to the contract's field names under its JSON path, or (renamed to "--option")
/// to the command-line option that stands in for a field the contract does not have.</summary>
internal sealed class JsonOrigin(string path, IReadOnlyDictionary<string, string> renames) : Origin
{
    public string Path { get; } = path;

    public override ImportError At(string? property, string message)
    {
        if (property is null)
        {
            return new ImportError(null, null, null, Path, message);
        }
        var plain = WithoutIndexes(property);
        if (renames.TryGetValue(plain, out var renamed))
        {
            // A field the facts file does not have (the division code comes from --division): name the option.
            return renamed.StartsWith("--", StringComparison.Ordinal) ? ImportError.Option(renamed, message) : new ImportError(null, null, null, $"{Path}.{renamed}", message);
        }
        return new ImportError(null, null, null, $"{Path}.{Camel(property)}", message);
    }

    private static string Camel(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>How a row names the unit a site belongs to.</summary>
internal sealed record UnitReference(string? CreditCode, string? Name);

/// <summary>A site as read from the input, before units are resolved and anything is validated.</summary>
internal sealed class SitePlan
{
    public required Origin Origin { get; init; }
    public string? Code { get; init; }
    public UnitReference? Unit { get; init; }
    public string? Name { get; set; }
    public string? DivisionCode { get; set; }
    public string? Address { get; init; }
    public string? ContactPhone { get; init; }
    public List<string> Categories { get; init; } = [];
    public List<string> Parts { get; init; } = [];
    public bool PublicArea { get; init; }
    public bool Large { get; init; }
    public bool Urban { get; init; }
    public bool InvolvesStateSecrets { get; init; }
    public bool HoldsImportantItems { get; init; }
    public bool NonPublicPlace { get; init; }
    public List<SystemPlan> Systems { get; } = [];
    public List<DevicePlan> Devices { get; } = [];
    public List<ActPlan> Acts { get; } = [];

    /// <summary>Set when the unit is resolved.</summary>
    public Unit? ResolvedUnit { get; set; }

    public SiteRequest ToRequest() => new(ResolvedUnit?.Id, Name, DivisionCode, Address, Categories, Parts,
        PublicArea, Large, Urban, InvolvesStateSecrets, HoldsImportantItems, ContactPhone, NonPublicPlace);
}

internal sealed class SystemPlan
{
    public required Origin Origin { get; init; }
    /// <summary>The system's key in the input: its name in a workbook, its id in a facts file.</summary>
    public required string Key { get; init; }
    public required SystemRequest Request { get; set; }
    /// <summary>Where each product and contractor came from (rows of 技防产品 / 承包单位), by index in the request.</summary>
    public List<Origin> ProductOrigins { get; } = [];
    public List<Origin> ContractorOrigins { get; } = [];
    public Guid Id { get; } = Guid.CreateVersion7();
    /// <summary>The registry entries the request's products and contractors resolved to (<see cref="Registry.RegistryResolver"/>).</summary>
    public List<Registry.ProductEntry> Products { get; set; } = [];
    public List<Registry.ContractorEntry> Contractors { get; set; } = [];

    public ImportError At(string property, string message)
    {
        if (Origin.TryElement(property, "Products", out var p, out var rest) && p < ProductOrigins.Count)
        {
            return ProductOrigins[p].At(rest, message);
        }
        if (Origin.TryElement(property, "Contractors", out var c, out rest) && c < ContractorOrigins.Count)
        {
            return ContractorOrigins[c].At(rest, message);
        }
        return Origin.At(property, message);
    }
}

internal sealed class DevicePlan
{
    public required Origin Origin { get; init; }
    public required DeviceRequest Request { get; init; }
    /// <summary>The system it belongs to, by its key in the input.</summary>
    public string? SystemKey { get; init; }
}

internal sealed class ActPlan
{
    public required Origin Origin { get; init; }
    public required ActRequest Request { get; init; }
    public string? SystemKey { get; init; }
}

/// <summary>Everything read from one file: the sites with what belongs to them, and the problems found while reading.</summary>
internal sealed class ImportPlan
{
    public required ImportFormat Format { get; init; }
    public List<SitePlan> Sites { get; } = [];
    public List<ImportError> Errors { get; } = [];
    public List<string> Warnings { get; } = [];

    /// <summary>Where a value was refused by the text rule: other problems found there later (the value read as empty is
    /// "missing", say) are not reported, so that a refused value is reported once, for why it was refused.</summary>
    public HashSet<(string? Sheet, int? Row, string? Column, string? Path)> Refused { get; } = [];

    /// <summary>The refusals themselves (also in <see cref="Errors"/>).</summary>
    public HashSet<ImportError> Refusals { get; } = [];

    public void Refuse(ImportError error)
    {
        Errors.Add(error);
        Refusals.Add(error);
        Refused.Add((error.Sheet, error.Row, error.Column, error.Path));
    }
    /// <summary>Facts files: the regulation the file names, to warn when the platform judges by another.</summary>
    public string? Regulation { get; set; }
}
