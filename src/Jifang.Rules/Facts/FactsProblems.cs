namespace Jifang.Rules.Facts;

/// <summary>Problems found in a facts file: each names its JSON path. Errors make the file bad input.</summary>
public sealed class FactsProblems
{
    public const int MaxErrors = 100;

    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Errors => _errors;
    public IReadOnlyList<string> Warnings => _warnings;
    public bool HasErrors => _errors.Count > 0;
    public bool Truncated { get; private set; }

    public void Error(string path, string message)
    {
        if (_errors.Count >= MaxErrors)
        {
            Truncated = true;
            return;
        }
        _errors.Add(path.Length == 0 ? message : $"{path}: {message}");
    }

    public void Warning(string path, string message)
    {
        if (_warnings.Count < MaxErrors)
        {
            _warnings.Add($"{path}: {message}");
        }
    }
}
