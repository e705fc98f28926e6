package dev.tricolor.dap.session;

import dev.tricolor.dap.expr.ExpressionException;
import dev.tricolor.dap.launch.LaunchArgumentException;
import dev.tricolor.dap.sourcemap.SourceMapException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * The one place where a failed request becomes an error response. Expected failures (the user's
 * input, the session's state) keep their message; anything else is a bug of the server, logged
 * with its stack trace and reported as such — the session goes on either way.
 */
public final class ErrorResponses {
  private ErrorResponses() {}

  public static ResponseError toResponseError(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof ResponseErrorException r) {
      return r.getResponseError();
    }
    if (t instanceof RequestException
        || t instanceof LaunchArgumentException
        || t instanceof SourceMapException
        || t instanceof ExpressionException) {
      return new ResponseError(ResponseErrorCode.InvalidParams, t.getMessage(), null);
    }
    if (t instanceof JsonRpcException && JsonRpcException.indicatesStreamClosed(t.getCause())) {
      // The client went away while a response was written: a disconnect, not a bug.
      Log.info("the client connection is closed (" + t.getCause() + ")");
      return new ResponseError(ResponseErrorCode.RequestCancelled, "the client connection is closed", null);
    }
    Log.error("internal error while serving a request", t);
    return new ResponseError(
        ResponseErrorCode.InternalError,
        "internal error in the Tricolor debug adapter: " + t
            + " (the session goes on; the server log has the details)",
        null);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
