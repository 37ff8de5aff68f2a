// What nearly every use case works with; for the whole project, so a slice's file lists only what is particular to it.
global using System.Security.Claims;
global using FluentValidation;
global using HeyHo.Api.Data;
global using HeyHo.Api.Infrastructure;
global using Mapster;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
