package dev.tricolor.dap.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CompletionException;
import org.eclipse.lsp4j.jsonrpc.JsonRpcException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
  @Test
  void aRequestTheUserGotWrongKeepsItsMessage() {
    ResponseError e =
        ErrorResponses.toResponseError(new CompletionException(new RequestException("no such frame")));
    assertEquals(ResponseErrorCode.InvalidParams.getValue(), e.getCode());
    assertEquals("no such frame", e.getMessage());
  }

  @Test
  void aResponseThatCannotBeWrittenBecauseTheClientLeftIsNoInternalError() {
    ResponseError e =
        ErrorResponses.toResponseError(new JsonRpcException(new ClosedByInterruptException()));
    assertEquals(ResponseErrorCode.RequestCancelled.getValue(), e.getCode());
    assertEquals("the client connection is closed", e.getMessage());
  }
}
