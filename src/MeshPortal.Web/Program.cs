using MeshPortal.Web.Api;
using MeshPortal.Web.Components;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Account;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Quality;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Seed;
using MeshPortal.Web.Features;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Search;

var builder = WebApplication.CreateBuilder(args);

builder.AddPersistence();
builder.AddIdentityAndAccess();
builder.AddJobs();
builder.AddApi();
builder.AddSearch();
builder.AddPortalFeatures();
builder.AddOnboarding();
builder.AddQuality();
builder.AddDemoMesh();
builder.AddUserInterface();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapAccountEndpoints();
app.MapJobsDashboard();
app.MapApiV1()
    .MapMeApi()
    .MapDomainsApi()
    .MapQuantaApi()
    .MapContractsApi()
    .MapOnboardingApi()
    .MapQualityApi()
    .MapJobRunsApi()
    .MapSearchApi();
app.MapUserInterface();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
