namespace Jifang.Tests.Security;

/// <summary>
/// One row of the page handlers' matrix: a form handler of a Razor page, keyed "* METHOD /Page/Path?handler=Name" (the page's
/// path and the handler's name as its action descriptor gives them; no "?handler=" for the page's own OnPost), what it acts on
/// for a caller on a world, and what every caller must get, in the table notation of <see cref="MatrixEndpoint"/>.
/// </summary>
/// <remarks>
/// Every cell is a POST with the caller's sign-in cookie and a valid antiforgery token (<see cref="HandlerMatrixTests"/>), on a
/// target of its own: a target is used again only while no call has changed it. A cell is the status, then for a redirect the
/// letter of where it goes (L sign-in page, D access-denied page, G guide; nothing for any other page), then "+" when the
/// handler did what it does (<see cref="HandlerTarget.Done"/>: the change it makes, checked in the database, or what it answers),
/// and nothing more when it did not, in which case nothing may have changed:
/// "302+" redirected to the next page after the change; "200+" the page answered with the change made (a key shown, an import
/// report, a verification); "302L+" signed out to the sign-in page. "200" the form again, which must say why (role="alert": an
/// error summary naming the field or a refusal citing its provisions); "302" redirected to a page whose notice says why the
/// step was not taken; "404" the not-found page (outside the caller's scope, as the API's 404); "302L", "302D" refused before
/// the handler, as for pages. A call without an antiforgery token must answer 400 and change nothing.
/// </remarks>
public sealed record MatrixHandler(string Key, bool Scoped, Func<MatrixCall, Task<HandlerTarget>> Target, string Table)
{
    public override string ToString() => Key;

    /// <summary>The parsed table: caller key → one expected cell per column.</summary>
    public IReadOnlyDictionary<string, string[]> Expectations { get; } = MatrixEndpoint.Parse(Key, Scoped, Table);
}

/// <summary>
/// What one call of a handler posts and how to tell it did its work: the URL, the form's fields (and file), and
/// <paramref name="Done"/>, which looks at the database (or, for a handler that only answers, at the answer).
/// A target with a <paramref name="Client"/> of its own (a fresh session to sign out, a browser to sign in) is used once.
/// </summary>
public sealed record HandlerTarget(
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    Func<HandlerAnswer, Task<bool>> Done,
    HandlerFile? File = null,
    HttpClient? Client = null);

/// <summary>A file posted with the form (multipart).</summary>
public sealed record HandlerFile(string Field, string FileName, string ContentType, byte[] Bytes);

/// <summary>What the handler answered, and the client that called it.</summary>
public sealed record HandlerAnswer(HttpResponseMessage Response, string Body, HttpClient Client);

/// <summary>Every row of the page handlers' matrix, kept per capability in files of their own.</summary>
public static class HandlerMatrix
{
    public static readonly IReadOnlyList<MatrixHandler> Rows =
    [
        .. RegistryHandlers.Rows,
        .. SupervisionHandlers.Rows,
        .. AlarmHandlers.Rows,
        .. RecordsHandlers.Rows,
        .. PortalAccountHandlers.Rows,
        .. UsersHandlers.Rows,
        .. FilingHandlers.Rows,
        .. ProjectHandlers.Rows,
        .. CompareMatrix.Handlers,
        .. ReportsMatrix.Handlers,
        .. ProjectRegistriesMatrix.Handlers,
    ];

    public static MatrixHandler Find(string key) => Rows.Single(r => r.Key == key);

    /// <summary>A target posting <paramref name="fields"/> (a name may repeat, as checkboxes do) to <paramref name="url"/>.</summary>
    public static HandlerTarget Form(string url, Func<HandlerAnswer, Task<bool>> done, params (string Name, string Value)[] fields) =>
        new(url, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList(), done);

    /// <summary>
    /// Writing in one's scope (<c>registry.write</c>, <c>records.hold</c>): police in their jurisdiction, the unit administrator in
    /// its unit, the platform administrator everywhere; unit operators and roles without registry access are refused before the
    /// handler. OK and NO stand for the cells of a call that does its work and of one outside the caller's scope.
    /// </summary>
    public const string WriteInScope =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province OK   OK   NO
        police-city     OK   NO   NO
        police-county   OK   NO   NO
        police-county-b NO   OK   NO
        unit-admin-a    OK   NO   NO
        unit-operator-a 302D 302D 302D
        unit-admin-b    NO   OK   NO
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  OK   OK   OK
        """;

    /// <summary>Supervision (units, contractors): police in their jurisdiction and the platform administrator; unit users are refused.</summary>
    public const string Supervise =
        """
        caller          A    B    P
        anonymous       302L 302L 302L
        police-province OK   OK   NO
        police-city     OK   NO   NO
        police-county   OK   NO   NO
        police-county-b NO   OK   NO
        unit-admin-a    302D 302D 302D
        unit-operator-a 302D 302D 302D
        unit-admin-b    302D 302D 302D
        unit-operator-b 302D 302D 302D
        contractor      302D 302D 302D
        testing-agency  302D 302D 302D
        citizen         302D 302D 302D
        platform-admin  OK   OK   OK
        """;

    /// <summary>A template with its OK and NO cells written out.</summary>
    public static string With(this string template, string ok, string no)
    {
        ArgumentNullException.ThrowIfNull(template);
        return string.Join('\n', template.Split('\n').Select(line => string.Join(' ',
            line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell => cell switch { "OK" => ok, "NO" => no, _ => cell }))));
    }
}
