using MeshPortal.Web.Features.Onboarding;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace MeshPortal.Web.Components.Onboarding;

public partial class UploadSourceDialog
{
    public const string Accept = ".csv,.parquet,.jsonl,.ndjson,.json";
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>The chosen file is named beside the button with its size, not again as a chip.</summary>
    private static readonly RenderFragment<IBrowserFile?> NoChips = _ => _ => { };

    private IBrowserFile? _file;
    private bool _tooLarge;
    private long _sent;
    private DateTime _lastRefresh;

    protected override IEnumerable<string> OwnFields => ["file", "content", "fileName", "format", "size"];

    private double UploadPercent => _file is { Size: > 0 } f ? Math.Clamp(100.0 * _sent / f.Size, 0, 100) : 0;

    private string UploadText => _file is null ? "" : _sent >= _file.Size
        ? "Uploaded; checking the file…"
        : $"{OnboardingText.Bytes(_sent)} of {OnboardingText.Bytes(_file.Size)} sent ({UploadPercent:0}%)";

    private void OnFileChanged(IBrowserFile? file)
    {
        _file = file;
        _tooLarge = false;
        Message = null;
        Errors = FieldErrors.None;
        if (file is null) return;
        if (string.IsNullOrWhiteSpace(SourceName)) SourceName = SuggestName(file.Name);
        if (file.Size > Sources.MaxUploadBytes)
        {
            _tooLarge = true;
            Errors = new FieldErrors(new Dictionary<string, string[]>
            {
                ["file"] = [$"{file.Name} is {OnboardingText.Bytes(file.Size)}; an upload may be at most {OnboardingText.Bytes(Sources.MaxUploadBytes)}. Put larger files on the server and add them as a server path."],
            });
        }
    }

    /// <summary>"Orders 2024 (final).csv" → "orders-2024-final".</summary>
    public static string SuggestName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        var slug = string.Join('-', new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "upload" : slug[..Math.Min(slug.Length, 60)];
    }

    private Task UploadAsync()
    {
        if (_file is not { } file || _tooLarge) return Task.CompletedTask;
        _sent = 0;
        return SubmitAsync(async (caller, ct) =>
        {
            // The browser's size is a claim: the stream refuses to read more than the service's limit whatever it says.
            await using var stream = new ProgressStream(file.OpenReadStream(Sources.MaxUploadBytes, ct), OnProgress);
            return await Sources.AddUploadAsync(caller, QuantumId, new NewFileSource(NameOr(SuggestName(file.Name)), Port ?? "", ObjectName ?? ""),
                file.Name, stream, ct);
        });
    }

    private void OnProgress(long sent)
    {
        _sent = sent;
        var now = DateTime.UtcNow;
        if (now - _lastRefresh < RefreshEvery && sent < (_file?.Size ?? 0)) return;
        _lastRefresh = now;
        _ = InvokeAsync(StateHasChanged);
    }
}
