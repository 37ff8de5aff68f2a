namespace HeyHo.Api.Infrastructure.Mail;

public static class MailSetup
{
    public static IServiceCollection AddHeyHoMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var mail = services.AddValidatedOptions<MailOptions>(configuration, MailOptions.Section);
        var errors = new List<string>();
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(mail.Host))
        {
            errors.Add("Mail:Host: the SMTP server is required outside Development.");
        }
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(mail.From))
        {
            errors.Add("Mail:From: the sender address is required outside Development.");
        }
        if (!string.IsNullOrWhiteSpace(mail.From) && !MimeKit.MailboxAddress.TryParse(mail.From, out _))
        {
            errors.Add("Mail:From: is not an email address.");
        }
        if (!string.IsNullOrEmpty(mail.Password) && string.IsNullOrEmpty(mail.UserName))
        {
            errors.Add("Mail:Password: is set without Mail:UserName.");
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Invalid configuration: {string.Join(" ", errors)}");
        }

        services.AddSingleton<MailOutbox>();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<MailOutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailOutboxSender>());
        return services;
    }
}
