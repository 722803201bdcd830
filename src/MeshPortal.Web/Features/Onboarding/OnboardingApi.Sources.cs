using System.Text.Json;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Api;
using MeshPortal.Web.Features.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MeshPortal.Web.Features.Onboarding;

public static partial class OnboardingApi
{
    private const int MaxFieldBytes = 64 * 1024;
    private static readonly string[] FormFields = ["name", "outputPort", "object"];

    private static async Task<IResult> AddSource(Guid id, HttpContext http, SourceService sources)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var type = http.Request.ContentType ?? "";
        try
        {
            return type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? await AddUploadAsync(id, http, sources, caller)
                : await AddFromJsonAsync(id, http, sources, caller);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel stopped the body at the endpoint's limit; the service has already deleted the partial file.
            return TooLarge(sources);
        }
    }

    /// <summary>
    /// Reads the form in order, streaming: the text fields first, then the file part, whose bytes go straight to disk
    /// (never buffered whole, unlike IFormFile) under the upload limit.
    /// </summary>
    private static async Task<IResult> AddUploadAsync(Guid id, HttpContext http, SourceService sources, Caller caller)
    {
        var ct = http.RequestAborted;
        var boundary = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media) ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary)) return Invalid("file", "The multipart body has no boundary in its Content-Type.");
        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (!disposition.IsFileDisposition())
                {
                    var value = await ReadFieldAsync(section.Body, ct);
                    if (value is null) return Invalid(name, $"The form field '{name}' is longer than {MaxFieldBytes / 1024} KB.");
                    fields[name] = value;
                    continue;
                }
                if (!name.Equals("file", StringComparison.OrdinalIgnoreCase)) return Invalid("file", $"Send the file in a part named file, not '{name}'.");
                if (!fields.ContainsKey("name"))
                    return Invalid("name", "Send the name field before the file part: the file is streamed as it arrives, so the form fields must come first.");
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                var result = await sources.AddUploadAsync(caller, id,
                    new NewFileSource(fields["name"], fields.GetValueOrDefault("outputPort") ?? "", fields.GetValueOrDefault("object") ?? ""),
                    fileName, section.Body, ct);
                if (!result.Succeeded) return result.Details is UploadTooLarge ? TooLarge(sources) : ApiResults.Failure(result);
                // A field after the file would have been ignored: undo rather than keep a source bound somewhere unintended.
                var late = await LateFieldsAsync(reader, ct);
                if (late.Count > 0)
                {
                    await sources.DeleteAsync(caller, id, result.Value!.Id, CancellationToken.None);
                    return Invalid(late[0], $"The field{(late.Count > 1 ? "s" : "")} {string.Join(", ", late)} came after the file part; send the form fields before the file.");
                }
                return TypedResults.Created($"/api/v1/quanta/{id}/sources/{result.Value!.Id}", new { id = result.Value.Id });
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException && e is not BadHttpRequestException)
        {
            return Invalid("file", $"The multipart body could not be read: {e.Message}");
        }
        return Invalid("file", "Send the file in a multipart/form-data part named file (with a filename), after the fields name, outputPort and object.");
    }

    private static async Task<IResult> AddFromJsonAsync(Guid id, HttpContext http, SourceService sources, Caller caller)
    {
        var ct = http.RequestAborted;
        // This endpoint admits large bodies for uploads; JSON keeps the API's usual limit.
        if (http.Request.ContentLength > ApiExtensions.MaxBodyBytes)
            return TypedResults.Problem(statusCode: 413, title: "Request body too large", detail: $"A JSON source is at most {ApiExtensions.MaxBodyBytes:N0} bytes; upload files as multipart/form-data.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = ApiExtensions.MaxBodyBytes;
        SourceInput? input;
        try
        {
            input = await http.Request.ReadFromJsonAsync<SourceInput>(ct);
        }
        catch (JsonException e)
        {
            return Invalid(e.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body", $"The body is not valid JSON for a source: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: 415, title: "Unsupported media type", detail: "Send a source as application/json, or an upload as multipart/form-data.");
        }
        if (input is null) return Invalid("body", "Send the source as a JSON object.");

        var kind = input.Kind;
        if (string.IsNullOrWhiteSpace(kind) && !string.IsNullOrWhiteSpace(input.Path)) kind = "server-file";
        if (!SourceKinds.TryParse(kind, out var parsed) || parsed == SourceKind.Upload)
            return Invalid("kind", string.IsNullOrWhiteSpace(kind)
                ? $"Say which kind of source: {SourceKinds.Choices}. Upload files as multipart/form-data."
                : $"'{kind}' is not a source kind; use {SourceKinds.Choices}. Upload files as multipart/form-data.");
        var result = parsed == SourceKind.ServerFile
            ? await sources.AddServerFileAsync(caller, id, new NewFileSource(input.Name ?? "", input.OutputPort ?? "", input.Object ?? "", input.Path), ct)
            : await sources.AddConnectionAsync(caller, id, new NewConnectionSource(input.Name ?? "", parsed, input.Connection ?? "", input.Query ?? "", input.OutputPort ?? "", input.Object ?? ""), ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/quanta/{id}/sources/{result.Value!.Id}", new { id = result.Value.Id }) : ApiResults.Failure(result);
    }

    private static async Task<IResult> ListSources(Guid id, SourceService sources, CancellationToken ct) =>
        TypedResults.Ok((await sources.ListAsync(id, ct)).Select(SourceDto.From).ToList());

    private static async Task<IResult> GetSource(Guid id, Guid sourceId, SourceService sources, CancellationToken ct) =>
        await sources.GetAsync(id, sourceId, ct) is { } source ? TypedResults.Ok(SourceDto.From(source)) : NotFound($"Quantum {id} has no source {sourceId}.");

    private static async Task<IResult> DeleteSource(Guid id, Guid sourceId, HttpContext http, SourceService sources)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var result = await sources.DeleteAsync(caller, id, sourceId, http.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : ApiResults.Failure(result);
    }

    private static async Task<IResult> TestConnection(Guid id, TestConnectionInput input, HttpContext http, SourceService sources)
    {
        if (await http.CallerAsync() is not { } caller) return CallerExtensions.UnknownCaller();
        var allowed = await sources.CheckWriteAsync(caller, id, http.RequestAborted);
        if (!allowed.Succeeded) return ApiResults.Failure(allowed);
        if (!SourceKinds.TryParse(input.Kind, out var kind)) return Invalid("kind", $"Say which kind of connection: {SourceKinds.Choices}.");
        var probe = await sources.TestConnectionAsync(caller, id, kind, input.Connection ?? "", input.Query, http.RequestAborted);
        return TypedResults.Ok(probe);
    }

    private static IResult TooLarge(SourceService sources) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
        detail: $"Files are accepted up to {SourceFiles.Size(sources.MaxUploadBytes)} ({sources.MaxUploadBytes:N0} bytes); nothing was kept.");

    /// <summary>A form field's text, or null past <see cref="MaxFieldBytes"/>.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFieldBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Trim();
    }

    private static async Task<List<string>> LateFieldsAsync(MultipartReader reader, CancellationToken ct)
    {
        var late = new List<string>();
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var d) && HeaderUtilities.RemoveQuotes(d.Name).Value is { } name
                && FormFields.Contains(name, StringComparer.OrdinalIgnoreCase))
                late.Add(name);
        }
        return late;
    }
}
