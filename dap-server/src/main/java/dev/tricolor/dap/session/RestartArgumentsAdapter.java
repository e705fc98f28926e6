package dev.tricolor.dap.session;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Map;
import org.eclipse.lsp4j.debug.AttachRequestArguments;
import org.eclipse.lsp4j.debug.LaunchRequestArguments;

/**
 * Keeps every field of the configuration a {@code restart} request carries. lsp4j types it as
 * {@link LaunchRequestArguments} or {@link AttachRequestArguments}, which know only
 * {@code noDebug} and {@code __restart} and would drop {@code program}, {@code invoke} and the
 * rest; registered with the launcher's gson, this reads the whole object into a
 * {@link Configuration} (and writes one back whole, for a client in Java).
 */
public final class RestartArgumentsAdapter implements TypeAdapterFactory {
  private static final TypeToken<Map<String, Object>> MAP = new TypeToken<>() {};

  /** The configuration as the client sent it, read as {@code launch}'s arguments are. */
  public interface Configuration {
    Map<String, Object> arguments();
  }

  /** A restart's configuration, typed as lsp4j expects when it has {@code noDebug}. */
  public static final class Launch extends LaunchRequestArguments implements Configuration {
    private final Map<String, Object> arguments;

    public Launch(Map<String, Object> arguments) {
      this.arguments = arguments;
    }

    @Override
    public Map<String, Object> arguments() {
      return arguments;
    }
  }

  /** A restart's configuration, typed as lsp4j expects when it has no {@code noDebug}. */
  public static final class Attach extends AttachRequestArguments implements Configuration {
    private final Map<String, Object> arguments;

    public Attach(Map<String, Object> arguments) {
      this.arguments = arguments;
    }

    @Override
    public Map<String, Object> arguments() {
      return arguments;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<? super T> raw = type.getRawType();
    boolean launch = raw == LaunchRequestArguments.class;
    if (!launch && raw != AttachRequestArguments.class) {
      return null;
    }
    TypeAdapter<Map<String, Object>> map = gson.getAdapter(MAP);
    TypeAdapter<T> plain = gson.getDelegateAdapter(this, type);
    return (TypeAdapter<T>) new TypeAdapter<Object>() {
      @Override
      public void write(JsonWriter out, Object value) throws IOException {
        if (value instanceof Configuration c) {
          map.write(out, c.arguments());
        } else {
          plain.write(out, (T) value);
        }
      }

      @Override
      public Object read(JsonReader in) throws IOException {
        Map<String, Object> arguments = map.read(in);
        if (arguments == null) {
          return null;
        }
        return launch ? new Launch(arguments) : new Attach(arguments);
      }
    };
  }
}
