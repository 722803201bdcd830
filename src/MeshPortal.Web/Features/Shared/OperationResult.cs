namespace MeshPortal.Web.Features.Shared;

/// <summary>
/// What a write did, in terms both the API and the UI can show: the value, or why not — with the
/// offending field named, so forms put the message beside it and the API names it in problem details.
/// </summary>
public sealed record OperationResult<T>
{
    public T? Value { get; private init; }
    public OperationStatus Status { get; private init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private init; } = new Dictionary<string, string[]>();
    public string? Message { get; private init; }
    /// <summary>Extra machine-readable detail for the caller, e.g. the changes that block a publish.</summary>
    public object? Details { get; private init; }

    public bool Succeeded => Status == OperationStatus.Ok;

    public static OperationResult<T> Ok(T value) => new() { Value = value, Status = OperationStatus.Ok };
    public static OperationResult<T> NotFound(string message) => new() { Status = OperationStatus.NotFound, Message = message };
    public static OperationResult<T> Forbidden(string message) => new() { Status = OperationStatus.Forbidden, Message = message };
    public static OperationResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new() { Status = OperationStatus.Invalid, Errors = errors, Message = "Some fields are not valid." };
    public static OperationResult<T> Conflict(string field, string message) =>
        new() { Status = OperationStatus.Conflict, Errors = new Dictionary<string, string[]> { [field] = [message] }, Message = message };
    public static OperationResult<T> Stale(string message) => new() { Status = OperationStatus.Stale, Message = message };
    /// <summary>Well-formed but refused by the rules (schema errors, inheritance, a too-small version bump).</summary>
    public static OperationResult<T> Unprocessable(string message, IReadOnlyDictionary<string, string[]> errors, object? details = null) =>
        new() { Status = OperationStatus.Unprocessable, Errors = errors, Message = message, Details = details };

    /// <summary>The same failure carried as another result type, for services that call each other.</summary>
    public OperationResult<TOther> As<TOther>() => new() { Status = Status, Errors = Errors, Message = Message, Details = Details };
}

public enum OperationStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    /// <summary>Clashes with existing data, e.g. a slug already taken.</summary>
    Conflict,
    /// <summary>Based on an older version than the stored one (optimistic concurrency).</summary>
    Stale,
    /// <summary>Understood, but refused by the rules (422).</summary>
    Unprocessable,
}
