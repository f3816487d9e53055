using Asciml.Core;
using MudBlazor;

namespace Asciml.Web.Components.Shared;

/// <summary>
/// How a page shows a failed action: one line in a snackbar, its colour from the error's kind
/// (<see cref="ErrorKinds"/>), and the page keeps working (an exception escaping a handler would end the circuit).
/// </summary>
public static class UiErrors
{
    public static Severity SeverityOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound or ErrorKind.Conflict => Severity.Warning,
        ErrorKind.Unavailable => Severity.Info,
        _ => Severity.Error,
    };

    public static void Show(this ISnackbar snackbar, Exception error) =>
        snackbar.Add(ErrorKinds.UiMessage(error), SeverityOf(ErrorKinds.Of(error)));

    /// <summary>Runs a handler; a failure is shown instead of losing the page. True when it succeeded.</summary>
    public static bool Try(this ISnackbar snackbar, Action action, string? success = null)
    {
        Exception? failure = null;
        try
        {
            action();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            failure = error;
        }

        return Done(snackbar, failure, success);
    }

    /// <summary>The same for an asynchronous handler.</summary>
    public static async Task<bool> TryAsync(this ISnackbar snackbar, Func<Task> action, string? success = null)
    {
        Exception? failure = null;
        try
        {
            await action();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            failure = error;
        }

        return Done(snackbar, failure, success);
    }

    private static bool Done(ISnackbar snackbar, Exception? failure, string? success)
    {
        if (failure is not null)
        {
            snackbar.Show(failure);
            return false;
        }

        if (success is not null)
        {
            snackbar.Add(success, Severity.Success);
        }

        return true;
    }
}
