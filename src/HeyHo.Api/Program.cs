using Carter;
using FluentValidation;
using HeyHo.Api.Auth;
using HeyHo.Api.Data;
using HeyHo.Api.Features.EmailVerification;
using HeyHo.Api.Features.Privacy;
using HeyHo.Api.Features.Insights;
using HeyHo.Api.Features.Sync;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Mail;
using HeyHo.Api.Infrastructure.Security;
using HeyHo.Api.Web;

var builder = WebApplication.CreateBuilder(args);

// Never logged, whatever the levels: SQL text, EF Core's save-failure dumps (stack traces) and OpenIddict's request dumps.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.None);
builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimits.DefaultMaxBytes);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExtensionErrors();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
// Unreadable bodies throw in every environment, so one handler turns them into problem details.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddHeyHoDatabase(builder.Configuration, builder.Environment);
builder.Services.AddHeyHoAuth(builder.Configuration, builder.Environment);
builder.Services.AddHeyHoRateLimits(builder.Configuration);
builder.Services.AddHeyHoMail(builder.Configuration, builder.Environment);
builder.Services.AddHeyHoEmailVerification(builder.Configuration);
builder.Services.AddHeyHoSecurityLog(builder.Configuration);
builder.Services.AddHeyHoPasswordReset(builder.Configuration);
builder.Services.AddHeyHoPrivacy(builder.Configuration);
builder.Services.AddHeyHoInsights(builder.Configuration);
builder.Services.AddHeyHoCors(builder.Configuration);
builder.Services.AddHeyHoObservability();
builder.Services.AddHeyHoApiDocs(builder.Configuration);
builder.Services.AddHeyHoWeb(builder.Configuration, builder.Environment);
// Validators are stateless and costly to build (their rules compile expressions): build each once.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
builder.Services.AddCarter();
builder.Services.AddScoped<IUserDataSummary, SyncDataSummary>();
builder.Services.AddHeyHoMappings();
builder.Services.AddScoped<IUserDataExport, SyncDataExport>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLogging();
app.UseCors();
app.UseRequestBodyLimits();
app.UseHeyHoWeb();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapHeyHoObservability();
app.MapHeyHoApiDocs();
app.MapCarter();

app.Run();

public partial class Program;
