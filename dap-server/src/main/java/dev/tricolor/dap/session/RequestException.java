package dev.tricolor.dap.session;

/**
 * A request that cannot be served, with the message the user sees: a request in the wrong state,
 * an unknown reference, arguments that make no sense. Mapped to an error response in one place:
 * {@link ErrorResponses}.
 */
public class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RequestException(String message) {
    super(message);
  }

  public RequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
