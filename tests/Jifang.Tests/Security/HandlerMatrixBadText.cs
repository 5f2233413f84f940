using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Reflection;
using Jifang.Infrastructure;
using Jifang.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jifang.Tests.Security;

/// <summary>
/// The text rule on the pages' forms: every text field of every form handler (the fields of the matrix's successful post,
/// those that bind to a string of the page) gets every class of bad string a form can carry — NUL, a line break or tab
/// where the field is one line, other control characters, one character more than the field allows — as the first caller
/// the handler lets through. Each must answer the 400 page naming the field and change nothing.
/// </summary>
public abstract partial class HandlerMatrixTests
{
    private static readonly (string Name, Func<TextAttribute, string?> Value)[] BadText =
    [
        ("NUL", _ => "a\u0000b"),
        ("line feed", r => r.MultiLine ? null : "a\nb"),
        ("tab", r => r.MultiLine ? null : "a\tb"),
        ("bell", _ => "a\u0007b"),
        ("delete", _ => "a\u007Fb"),
        ("C1 next line", _ => "a\u0085b"),
        ("one over the length", r => new string('字', r.MaxLength + 1)),
    ];

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Every_bad_string_in_every_text_field_is_the_400_page_naming_it_and_changes_nothing(string handler)
    {
        var row = HandlerMatrix.Find(handler);
        string[] columns = row.Scoped ? ["A", "B", "P"] : ["-"];
        // The citizens' portal and the sign-in page limit requests per address: each post of theirs comes from an address of
        // its own, as a person without an account (the limit is not what is tried here).
        var limited = handler.Contains(" /Portal", StringComparison.Ordinal) || handler.Contains(" /Account/", StringComparison.Ordinal)
            || handler.Contains(" /Reports/Create", StringComparison.Ordinal) || handler.Contains(" /Reports/Status", StringComparison.Ordinal);
        var (caller, column) = (limited ? [Callers.Anonymous] : new[] { Callers.PlatformAdmin }).Concat(Callers.All).SelectMany(c => columns.Select((w, i) => (c, i)))
            .First(x => row.Expectations[x.c.Key][x.i].EndsWith('+'));
        var call = new MatrixCall(fixture, caller, row.Scoped ? fixture.WorldOf(columns[column]) : null);
        var target = await row.Target(call);
        var model = await PageModelTypeAsync(handler);
        var fields = target.Fields.Select(f => f.Key).Distinct().Select(name => (Name: name, Rule: RuleOf(model, name))).Where(f => f.Rule is not null).ToList();
        var before = await DatabaseFingerprint.TakeAsync(fixture);
        var failures = new List<string>();
        foreach (var (name, rule) in fields)
        {
            foreach (var (what, value) in BadText)
            {
                if (value(rule!) is not { } bad)
                {
                    continue;
                }
                var fieldsWithBad = target.Fields.Select(f => f.Key == name ? KeyValuePair.Create(f.Key, bad) : f).ToList();
                var (cell, detail) = await PostAsync(call, target with
                {
                    Fields = fieldsWithBad,
                    Client = limited ? fixture.NewPageClient() : target.Client,
                }, withToken: true);
                if (cell != "400" || !detail.Contains(name, StringComparison.Ordinal))
                {
                    failures.Add($"{name} ({what}): {cell} {detail}");
                }
            }
        }
        var changed = DatabaseFingerprint.Changed(before, await DatabaseFingerprint.TakeAsync(fixture));
        Assert.True(failures.Count == 0 && changed.Count == 0,
            $"{handler} as {caller.Key}:\n  " + string.Join("\n  ", failures) + (changed.Count > 0 ? $"\n  tables changed: {string.Join(", ", changed)}" : ""));
    }

    /// <summary>The page model of a handler's page ("* POST /Sites/Edit?handler=X" → the model of /Sites/Edit).</summary>
    private async Task<Type> PageModelTypeAsync(string handler)
    {
        var path = handler.Split(' ')[2].Split('?')[0];
        var services = fixture.App.Services;
        var page = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .First(p => p.ViewEnginePath == path);
        var compiled = page as CompiledPageActionDescriptor ?? await services.GetRequiredService<PageLoader>().LoadAsync(page, EndpointMetadataCollection.Empty);
        return compiled.ModelTypeInfo!.AsType();
    }

    /// <summary>
    /// The text rule of a posted field that binds to a string of the page ("Input.Reason", "Note", "Input.Products[0].Model"):
    /// its [Text], or one line of <see cref="TextRule.DefaultMaxLength"/>; null for a field that binds to anything else.
    /// </summary>
    private static TextAttribute? RuleOf(Type model, string field)
    {
        var type = model;
        PropertyInfo? property = null;
        foreach (var segment in field.Split('.'))
        {
            var name = segment.Split('[')[0];
            property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return null;
            }
            type = property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments() is [var item] ? item : property.PropertyType;
        }
        return type == typeof(string) ? property!.GetCustomAttribute<TextAttribute>() ?? new TextAttribute(TextRule.DefaultMaxLength) : null;
    }
}
