using Carter;
using FluentValidation;
using HeyHo.Api.Auth;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Mapster;

var builder = WebApplication.CreateBuilder(args);

// SQL text never reaches a log line, whatever the configured levels.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
// Unreadable bodies throw in every environment, so one handler turns them into problem details.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddHeyHoDatabase(builder.Configuration, builder.Environment);
builder.Services.AddHeyHoAuth(builder.Configuration, builder.Environment);
// Validators are stateless and costly to build (their rules compile expressions): build each once.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
builder.Services.AddCarter();
builder.Services.AddScoped<IUserDataSummary, HeyHo.Api.Features.Sync.SyncDataSummary>();
TypeAdapterConfig.GlobalSettings.Scan(typeof(Program).Assembly);
Validation.UseJsonPropertyNames();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapCarter();

app.Run();

public partial class Program;
