using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jifang.Data;

/// <summary>
/// A prepared INSERT of one entity type (one or several rows per statement) written with plain ADO.NET: columns, names
/// and value conversions come from the EF Core model, so rows are stored exactly as EF Core stores them (a GUID as
/// text on SQLite, timestamptz on PostgreSQL). The group commits of the audit log and of alarms write through it: on SQLite one
/// prepared single-row statement per row (measured: a multi-row statement with thousands of parameters cost SQLite far
/// more than its rows did one by one — 125 rows of alarms about 80 ms), on PostgreSQL multi-row statements.
/// </summary>
internal sealed class RowWriter : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string _columnList;
    private readonly Column[] _columns;
    private readonly int _perStatement;
    private DbCommand? _full;
    private DbParameter[] _fullParameters = [];

    private sealed record Column(Func<object, object?> Get, RelationalTypeMapping Mapping, Func<object?, object?>? Convert, bool Nullable);

    /// <summary>A compiled getter (entity → boxed property value): no reflection per row.</summary>
    private static Func<object, object?> Getter(System.Reflection.PropertyInfo property)
    {
        var entity = System.Linq.Expressions.Expression.Parameter(typeof(object), "entity");
        var body = System.Linq.Expressions.Expression.Convert(
            System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(entity, property.DeclaringType!), property), typeof(object));
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(body, entity).Compile();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.PropertyInfo, Func<object, object?>> Getters = new();

    private RowWriter(DbConnection connection, DbTransaction transaction, string table, string columnList, Column[] columns, int perStatement)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columnList = columnList;
        _columns = columns;
        _perStatement = perStatement;
    }

    public static RowWriter For<T>(JifangDbContext db, DbConnection connection, DbTransaction transaction, int perStatement)
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = type.GetProperties().ToList();
        var columns = properties.Select(p =>
        {
            var mapping = (RelationalTypeMapping)p.GetRelationalTypeMapping();
            Func<object?, object?>? convert = mapping.Converter is { } c ? c.ConvertToProvider : null;
            return new Column(Getters.GetOrAdd(p.PropertyInfo!, Getter), mapping, convert, p.IsNullable);
        }).ToArray();
        return new RowWriter(connection, transaction, sql.DelimitIdentifier(table.Name, table.Schema),
            string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))), columns, perStatement);
    }

    private (DbCommand Command, DbParameter[] Parameters) Create(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var values = new StringBuilder();
        var parameters = new DbParameter[rows * _columns.Length];
        for (var r = 0; r < rows; r++)
        {
            values.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{(r * _columns.Length) + c}");
                values.Append(c == 0 ? name : ", " + name);
                var parameter = _columns[c].Mapping.CreateParameter(command, name, null, _columns[c].Nullable);
                command.Parameters.Add(parameter);
                parameters[(r * _columns.Length) + c] = parameter;
            }
            values.Append(')');
        }
        command.CommandText = $"INSERT INTO {_table} ({_columnList}) VALUES {values}";
        return (command, parameters);
    }

    private void Bind(DbParameter[] parameters, int offset, object entity)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            var value = column.Get(entity);
            if (value is not null && column.Convert is not null)
            {
                value = column.Convert(value);
            }
            parameters[offset + c].Value = value ?? DBNull.Value;
        }
    }

    public async Task InsertAsync<T>(List<T> rows) where T : class
    {
        var i = 0;
        if (rows.Count >= _perStatement)
        {
            if (_full is null)
            {
                (_full, _fullParameters) = Create(_perStatement);
                _full.Prepare();
            }
            for (; i + _perStatement <= rows.Count; i += _perStatement)
            {
                for (var r = 0; r < _perStatement; r++)
                {
                    Bind(_fullParameters, r * _columns.Length, rows[i + r]);
                }
                await ExecuteAsync(_full);
            }
        }
        if (i < rows.Count)
        {
            var (rest, parameters) = Create(rows.Count - i);
            using (rest)
            {
                for (var r = 0; i + r < rows.Count; r++)
                {
                    Bind(parameters, r * _columns.Length, rows[i + r]);
                }
                await ExecuteAsync(rest);
            }
        }
    }

    /// <summary>SQLite's provider is synchronous underneath: calling it so saves a task per row; others go asynchronously.</summary>
    private static async Task ExecuteAsync(DbCommand command)
    {
        if (command is Microsoft.Data.Sqlite.SqliteCommand)
        {
            command.ExecuteNonQuery();
            return;
        }
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _full?.Dispose();
}
