namespace Asciml.Web.Components.Shared;

/// <summary>
/// A page's slow work (loading a model, encoding every sound for the map, reading every sound's features), run off
/// the Blazor circuit so the page stays responsive, with one token per page that its Dispose cancels: work for a
/// closed page stops instead of running on, and its result is dropped.
/// </summary>
public sealed class PageWork : IDisposable
{
    private readonly CancellationTokenSource _closed = new();

    public CancellationToken Token => _closed.Token;

    public bool Closed => _closed.IsCancellationRequested;

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool. Returns its result, or <c>default</c> when the page closed
    /// meanwhile (a disposable result is then disposed: a model lease must not outlive its page).
    /// </summary>
    public async Task<T?> Run<T>(Func<CancellationToken, T> work)
    {
        try
        {
            T result = await Task.Run(() => work(Token), Token);
            if (!Closed)
            {
                return result;
            }

            (result as IDisposable)?.Dispose();
        }
        catch (OperationCanceledException) when (Closed)
        {
            // the page closed
        }

        return default;
    }

    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }
}
