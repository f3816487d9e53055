using Asciml.Core;
using Asciml.Web;

try
{
    await WebApp.Build(args).RunAsync();
    return 0;
}
catch (Exception error) when (error is AscimlException or IOException)
{
    // A bad --urls, a taken port, an unusable workspace: one line, as the command line does.
    Console.Error.WriteLine($"asciml-web: {error.Message.Split('\n', 2)[0].Trim()}");
    return 1;
}
