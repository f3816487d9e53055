using Asciml.Web;

await WebApp.Build(args).RunAsync();
